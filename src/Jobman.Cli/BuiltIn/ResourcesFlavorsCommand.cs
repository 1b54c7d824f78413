using System.Globalization;
using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Flavors;
using Jobman.Core.Output;

namespace Jobman.Cli.BuiltIn;

/// <summary><c>jobman resources-flavors</c>: the predefined flavors of every source, the default marked.</summary>
internal sealed class ResourcesFlavorsCommand(ResourceFlavorCatalog catalog) : ICommand
{
    private static readonly string[] GpuKeys = ["nvidia.com/gpu", "amd.com/gpu", "intel.com/gpu"];

    public CommandSpec Spec { get; } = new("resources-flavors", "List the predefined resources flavors (requests / limits) and their source.")
    {
        OutputFormats = [OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml],

        // Flavors published on a cluster are read from the cluster these name, like the Kubernetes commands.
        Options = ClusterTarget.Options,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var cluster = ClusterTarget.From(invocation);
        var flavors = await catalog.AllAsync(cluster, cancellationToken).ConfigureAwait(false);
        var queueFlavors = await catalog.QueueFlavorsAsync(cluster, cancellationToken).ConfigureAwait(false);
        foreach (var problem in catalog.Unavailable)
        {
            invocation.Output.Warn(problem);
        }

        foreach (var conflict in await catalog.ConflictsAsync(cluster, cancellationToken).ConfigureAwait(false))
        {
            invocation.Output.Warn(conflict);
        }

        var table = new TableView(
            new TableColumn("Name"), new TableColumn("Source"), new TableColumn("CPU*"), new TableColumn("Memory*"),
            new TableColumn("GPU**"), new TableColumn("Max run time"), new TableColumn("Description"))
        {
            EmptyMessage = "No predefined flavors: add them to job.resources.predefined in the settings.",
        };
        foreach (var flavor in flavors)
        {
            var isDefault = flavor.Name == catalog.DefaultName;
            table.AddRow(
                new TableCell(isDefault ? flavor.Name + " (default)" : flavor.Name, isDefault ? Tone.Heading : Tone.Plain),
                flavor.Source,
                Pair(flavor, "cpu"),
                Pair(flavor, "memory"),
                string.Join(" / ", GpuKeys.Select(k => flavor.Requests.GetValueOrDefault(k) ?? "-")),
                flavor.MaxRunTimeHours is { } h ? h.ToString(CultureInfo.InvariantCulture) + "h" : "-",
                flavor.Description ?? "-");
        }

        if (flavors.Count > 0)
        {
            table.Footer.Add("*  request / limit");
            table.Footer.Add("** requested NVIDIA / AMD / Intel GPUs");
        }

        if (invocation.Output.Format == OutputFormat.Table && queueFlavors.Count > 0)
        {
            invocation.Output.WriteResult(table, () => null);
            invocation.Output.WriteLine();
            invocation.Output.WriteResult(QueueFlavorTable(queueFlavors), () => null);
            return ExitCodes.Success;
        }

        invocation.Output.WriteResult(table, () => new JsonArray(flavors.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["source"] = f.Source,
            ["default"] = f.Name == catalog.DefaultName,
            ["description"] = f.Description,
            ["maxRunTime"] = f.MaxRunTimeHours,
            ["resources"] = new JsonObject
            {
                ["requests"] = ToJson(f.Requests),
                ["limits"] = ToJson(f.Limits),
            },
        }).Concat(queueFlavors.Select(QueueFlavorJson)).ToArray()));
        return ExitCodes.Success;
    }

    /// <summary>Where queued jobs may run: not flavors to pass to -r, so a table of their own.</summary>
    private static TableView QueueFlavorTable(IReadOnlyList<QueueFlavor> queueFlavors)
    {
        var table = new TableView(
            new TableColumn("Queue flavor"), new TableColumn("Source"), new TableColumn("LocalQueue"), new TableColumn("ClusterQueue"),
            new TableColumn("Quota"), new TableColumn("Used"), new TableColumn("Nodes"));
        foreach (var flavor in queueFlavors)
        {
            table.AddRow(
                flavor.Name,
                flavor.Source,
                flavor.Queue,
                flavor.SharedQueue,
                flavor.Quota is null ? "?" : Resources(flavor.Quota),
                flavor.Used is null ? "?" : Resources(flavor.Used),
                flavor.NodeLabels.Count == 0 ? "-" : string.Join(", ", flavor.NodeLabels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
        }

        table.Footer.Add("Queue flavors are where 'submit --queue LOCALQUEUE' jobs may run (Kueue ResourceFlavors), not values for -r; ? = the ClusterQueue may not be read.");
        return table;
    }

    private static string Resources(IReadOnlyDictionary<string, string> values) =>
        values.Count == 0 ? "-" : string.Join(", ", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} {v.Value}"));

    private static JsonNode QueueFlavorJson(QueueFlavor f) => new JsonObject
    {
        ["name"] = f.Name,
        ["source"] = f.Source,
        ["default"] = false,
        ["localQueue"] = f.Queue,
        ["clusterQueue"] = f.SharedQueue,
        ["quota"] = f.Quota is null ? null : ToJson(f.Quota),
        ["used"] = f.Used is null ? null : ToJson(f.Used),
        ["nodeLabels"] = ToJson(f.NodeLabels),
    };

    private static string Pair(ResourceFlavor flavor, string key) =>
        $"{flavor.Requests.GetValueOrDefault(key) ?? "-"} / {flavor.Limits.GetValueOrDefault(key) ?? "-"}";

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> map) =>
        new(map.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
}
