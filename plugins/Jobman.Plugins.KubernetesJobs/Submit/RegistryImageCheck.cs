using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Core.Registries;
using Jobman.Core.Text;

namespace Jobman.Plugins.KubernetesJobs.Submit;

/// <summary>
/// Before a job is created, asks the configured image registries whether its image and tag exist, so a typo fails
/// in a second with suggestions instead of as an ImagePullBackOff minutes later. A registry that cannot answer
/// (unreachable, unauthorized) only produces a warning: it must not block submitting.
/// </summary>
public sealed class RegistryImageCheck(IEnumerable<IImageRegistry> registries, JobmanEnvironment environment) : IImageCheck
{
    public async Task CheckAsync(string image, CancellationToken cancellationToken)
    {
        var configured = registries.Where(r => r.IsConfigured).ToList();
        if (configured.Count == 0)
        {
            return;
        }

        var reference = ImageReference.Parse(image);
        var answered = new List<IImageRegistry>();
        foreach (var registry in configured)
        {
            try
            {
                if (await registry.ExistsAsync(reference, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                answered.Add(registry);
            }
            catch (JobmanException ex)
            {
                environment.Warn($"could not check image '{image}' in registry '{registry.Name}': {ex.Message}");
            }
        }

        if (answered.Count == 0)
        {
            return;
        }

        var suggestions = await SuggestAsync(reference, answered, cancellationToken).ConfigureAwait(false);
        var names = string.Join(", ", answered.Select(r => r.Name));
        // A registry's answer, like a missing job: the operation failed (exit 1), the command line was fine.
        throw new JobmanException(
            $"image '{image}' not found in registry {names}{(suggestions.Count > 0 ? $"; did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?" : string.Empty)} (pass --no-image-check to submit anyway)");
    }

    /// <summary>
    /// Tags of the named repository when it exists, else repository names: never the tags of every repository, so a
    /// typo costs the registry's repository-list pages and two requests, not one request per repository.
    /// </summary>
    private static async Task<IReadOnlyList<string>> SuggestAsync(ImageReference reference, IReadOnlyList<IImageRegistry> registries, CancellationToken cancellationToken)
    {
        var wanted = ShortName(reference.Repository);
        if (reference.Tag is not null)
        {
            foreach (var registry in registries)
            {
                try
                {
                    if (await registry.ListTagsAsync(reference.Repository, cancellationToken).ConfigureAwait(false) is { } tags)
                    {
                        return NearestMatch.Find(reference.Tag, tags).Select(t => $"{reference.Repository}:{t}").ToList();
                    }
                }
                catch (JobmanException)
                {
                    // Suggestions are a courtesy; the not-found answer above already stands.
                }
            }
        }

        var repositories = new List<string>();
        foreach (var registry in registries)
        {
            try
            {
                await foreach (var name in registry.ListRepositoryNamesAsync(cancellationToken).ConfigureAwait(false))
                {
                    repositories.Add(name);
                }
            }
            catch (JobmanException)
            {
                // As above: without a listing there are simply no suggestions.
            }
        }

        return NearestMatch.Find(wanted, repositories, ShortName);
    }

    private static string ShortName(string repository) => repository[(repository.LastIndexOf('/') + 1)..];
}
