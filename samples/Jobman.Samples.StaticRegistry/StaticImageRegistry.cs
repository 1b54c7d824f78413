using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Jobman.Core.Registries;
using Jobman.Core.Settings;

namespace Jobman.Samples.StaticRegistry;

/// <summary>Serves the images listed under <c>staticRegistry.images</c> in settings.</summary>
public sealed class StaticImageRegistry(JobmanSettings settings) : IImageRegistry
{
    public string Name => "static";

    public bool IsConfigured => Images.Count > 0;

    private IReadOnlyDictionary<string, IReadOnlyList<string>> Images =>
        settings.Get("staticRegistry.images") is JsonObject images
            ? images.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)(p.Value as JsonArray ?? []).Select(t => t!.GetValue<string>()).ToList())
            : new Dictionary<string, IReadOnlyList<string>>();

    public async IAsyncEnumerable<ImageRepository> ListRepositoriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (name, tags) in Images)
        {
            await Task.Yield();
            yield return new ImageRepository(name, tags, Name);
        }
    }

    public Task<ImageDetails?> GetImageDetailsAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        if (!Images.TryGetValue(reference.Repository, out var tags) || (reference.Tag is not null && !tags.Contains(reference.Tag)))
        {
            return Task.FromResult<ImageDetails?>(null);
        }

        var all = tags.Select(t => new ImageTag(t)).ToList();
        return Task.FromResult<ImageDetails?>(new ImageDetails(reference.Repository, Name, all)
        {
            Description = $"{reference.Repository} from the static sample registry",
            SelectedTag = reference.Tag is null ? null : all.First(t => t.Name == reference.Tag),
        });
    }
}
