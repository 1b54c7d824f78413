using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Output;
using Jobman.Core.Registries;

namespace Jobman.Cli.BuiltIn;

/// <summary><c>jobman images</c>: every repository with its tags, from the selected registries.</summary>
internal sealed class ImagesCommand(RegistrySelector selector) : ICommand
{
    public CommandSpec Spec { get; } = new("images", "List the images (repositories and tags) of the configured registries.")
    {
        Options = [OptionSpec.Value("registry", "NAME", "Registry plugin to ask (e.g. harbor, oci); default from settings 'imageRegistry'.")],
        OutputFormats = [OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml],
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var registries = selector.Select(invocation.Value("registry"));
        var repositories = new List<ImageRepository>();
        foreach (var registry in registries)
        {
            await foreach (var repository in registry.ListRepositoriesAsync(cancellationToken).ConfigureAwait(false))
            {
                repositories.Add(repository);
            }
        }

        var showRegistry = registries.Count > 1;
        var table = new TableView(new TableColumn("Image"), new TableColumn("Registry", WideOnly: !showRegistry), new TableColumn("Tags"))
        {
            EmptyMessage = "No images found.",
        };
        foreach (var repository in repositories)
        {
            table.AddRow(repository.Name, repository.Registry, repository.Tags.Count == 0 ? "<no tags>" : string.Join("  ", repository.Tags));
        }

        invocation.Output.WriteResult(table, () => new JsonArray(repositories.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name,
            ["registry"] = r.Registry,
            ["pullPrefix"] = r.PullPrefix,
            ["description"] = r.Description,
            ["tags"] = new JsonArray(r.Tags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
        }).ToArray()));
        return ExitCodes.Success;
    }
}
