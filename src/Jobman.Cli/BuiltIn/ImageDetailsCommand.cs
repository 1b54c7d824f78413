using System.Globalization;
using System.Text.Json.Nodes;
using Jobman.Cli.Rendering;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Output;
using Jobman.Core.Registries;

namespace Jobman.Cli.BuiltIn;

/// <summary><c>jobman image-details -i NAME[:TAG]</c>: description, tags, and the given tag's digest, size and push time.</summary>
internal sealed class ImageDetailsCommand(RegistrySelector selector) : ICommand
{
    public CommandSpec Spec { get; } = new("image-details", "Show an image's description and tags (digest, size, push time of a given tag).")
    {
        Options =
        [
            new OptionSpec("image", "Image name, optionally with :TAG.") { ShortName = 'i', ValueName = "IMAGE", Required = true },
            OptionSpec.Value("registry", "NAME", "Registry plugin to ask (e.g. harbor, oci); default from settings 'imageRegistry'."),
        ],
        OutputFormats = [OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml],
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var reference = ImageReference.Parse(invocation.Value("image")!);
        ImageDetails? details = null;
        foreach (var registry in selector.Select(invocation.Value("registry")))
        {
            details = await registry.GetImageDetailsAsync(reference, cancellationToken).ConfigureAwait(false);
            if (details is not null)
            {
                break;
            }
        }

        if (details is null)
        {
            throw new JobmanException(reference.Tag is null
                ? $"image '{reference.Repository}' not found (see 'jobman images')"
                : $"image '{reference}' not found: no such repository or tag (see 'jobman images')");
        }

        var output = invocation.Output;
        if (output.Format is OutputFormat.Json or OutputFormat.Yaml)
        {
            output.WriteData(ToJson(details));
            return ExitCodes.Success;
        }

        output.WriteLine(details.Name, Tone.Heading);
        output.WriteLine();
        if (string.IsNullOrWhiteSpace(details.Description))
        {
            output.WriteLine("<no description>");
        }
        else
        {
            // Descriptions are Markdown (Harbor's are written in its web UI): show them formatted, not as source.
            // The registry's text is escaped before rendering; the renderer's own styling then goes out unescaped.
            var safe = Core.Text.TerminalText.EscapeKeepingNewlines(details.Description.ReplaceLineEndings("\n").Replace("\t", "    ", StringComparison.Ordinal));
            foreach (var line in TerminalMarkdown.Render(safe, output.ColorEnabled))
            {
                output.Out.WriteLine(line);
            }

            output.Out.Flush();
        }

        output.WriteLine();
        if (details.Labels.Count > 0)
        {
            output.WriteLine("Labels:", Tone.Heading);
            foreach (var (key, value) in details.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"  {key}={value}");
            }

            output.WriteLine();
        }

        var table = new TableView(new TableColumn("Tag"), new TableColumn("Digest"), new TableColumn("Size"), new TableColumn("Pushed"))
        {
            EmptyMessage = "<no tags>",
        };
        foreach (var tag in details.SelectedTag is null ? details.Tags : [details.SelectedTag])
        {
            table.AddRow(tag.Name, tag.Digest ?? "-", tag.SizeBytes is { } size ? FormatSize(size) : "-", tag.PushedAt?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "-");
        }

        output.WriteResult(table, () => null);
        return ExitCodes.Success;
    }

    internal static string FormatSize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static JsonObject ToJson(ImageDetails d) => new()
    {
        ["name"] = d.Name,
        ["registry"] = d.Registry,
        ["description"] = d.Description,
        ["labels"] = new JsonObject(d.Labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        ["selectedTag"] = d.SelectedTag is null ? null : Tag(d.SelectedTag),
        ["tags"] = new JsonArray(d.Tags.Select(t => (JsonNode)Tag(t)).ToArray()),
    };

    private static JsonObject Tag(ImageTag t) => new()
    {
        ["name"] = t.Name,
        ["digest"] = t.Digest,
        ["size"] = t.SizeBytes,
        ["pushedAt"] = t.PushedAt?.ToString("o", CultureInfo.InvariantCulture),
    };
}
