using System.Text.Json.Nodes;
using Jobman.Cli.PluginLoading;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Output;

namespace Jobman.Cli.BuiltIn;

/// <summary><c>jobman plugins</c>: what was loaded from where, and what was skipped and why.</summary>
internal sealed class PluginsCommand(PluginCatalog catalog) : ICommand
{
    public CommandSpec Spec { get; } = new("plugins", "List loaded plugins (name, version, path, commands) and skipped ones with the reason.")
    {
        OutputFormats = [OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml],
    };

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var table = new TableView(new TableColumn("Name"), new TableColumn("Version"), new TableColumn("Status"), new TableColumn("Commands"), new TableColumn("Path"))
        {
            EmptyMessage = "No plugins found.",
        };
        foreach (var plugin in catalog.Loaded)
        {
            table.AddRow(plugin.Candidate.Name, plugin.Version, new TableCell("loaded", Tone.Good), string.Join(", ", plugin.Commands), plugin.Candidate.AssemblyPath);
        }

        foreach (var skipped in catalog.Skipped)
        {
            table.AddRow(skipped.Candidate.Name, "-", new TableCell("skipped", Tone.Bad), "-", skipped.Candidate.AssemblyPath);
            table.Footer.Add($"{skipped.Candidate.Name}: {skipped.Reason}");
        }

        invocation.Output.WriteResult(table, () => new JsonObject
        {
            ["loaded"] = new JsonArray(catalog.Loaded.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Candidate.Name,
                ["version"] = p.Version,
                ["origin"] = p.Candidate.Origin,
                ["path"] = p.Candidate.AssemblyPath,
                ["commands"] = new JsonArray(p.Commands.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            }).ToArray()),
            ["skipped"] = new JsonArray(catalog.Skipped.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Candidate.Name,
                ["path"] = s.Candidate.AssemblyPath,
                ["reason"] = s.Reason,
            }).ToArray()),
        });
        return Task.FromResult(ExitCodes.Success);
    }
}
