using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Jobman.Core.Registries;

namespace Jobman.Plugins.OciRegistry;

/// <summary>
/// Reads one tag: its manifest (an index resolves to the linux/amd64 image, else the first one), digest, size
/// (config + layers), and the config blob's creation time and labels.
/// </summary>
internal sealed class ImageInspector(RegistryApiClient client)
{
    /// <summary>Inspects <paramref name="repository"/>:<paramref name="tag"/>; null when the tag does not exist.</summary>
    public async Task<InspectedImage?> InspectAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        var top = await client.GetAsync($"/v2/{repository}/manifests/{tag}", OciMediaTypes.ManifestAccept, $"manifest '{repository}:{tag}'", notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        if (top is null)
        {
            return null;
        }

        var digest = top.Digest ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(top.Body));
        var topJson = top.ReadObject();
        var annotations = new List<JsonObject?> { topJson["annotations"] as JsonObject };
        var manifest = topJson;
        if (OciMediaTypes.IsIndex(topJson["mediaType"]?.GetValue<string>() ?? top.MediaType) || topJson["manifests"] is JsonArray)
        {
            var chosen = ChoosePlatform(topJson["manifests"] as JsonArray);
            if (chosen is null)
            {
                return new InspectedImage(new ImageTag(tag) { Digest = digest }, Description(annotations, null), Merge(null, annotations));
            }

            var child = await client.GetAsync($"/v2/{repository}/manifests/{chosen}", OciMediaTypes.ManifestAccept, $"manifest '{repository}@{chosen}'", notFoundIsNull: false, cancellationToken).ConfigureAwait(false);
            manifest = child!.ReadObject();
            annotations.Insert(0, manifest["annotations"] as JsonObject);
        }

        var configDigest = manifest["config"]?["digest"]?.GetValue<string>();
        long size = Size(manifest["config"]) + (manifest["layers"] as JsonArray ?? []).Sum(Size);
        JsonObject? config = null;
        if (configDigest is not null)
        {
            var blob = await client.GetAsync($"/v2/{repository}/blobs/{configDigest}", "*/*", $"config blob of '{repository}:{tag}'", notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
            config = blob?.ReadObject();
        }

        var labels = config?["config"]?["Labels"] as JsonObject;
        var created = ParseTime(config?["created"]) ?? ParseTime(annotations.Select(a => a?[OciMediaTypes.CreatedAnnotation]).FirstOrDefault(a => a is not null));
        return new InspectedImage(
            new ImageTag(tag) { Digest = digest, SizeBytes = size, PushedAt = created },
            Description(annotations, labels),
            Merge(labels, annotations));
    }

    /// <summary>linux/amd64 when the index has it, else the first entry that is not an attestation.</summary>
    private static string? ChoosePlatform(JsonArray? manifests)
    {
        var entries = (manifests ?? []).OfType<JsonObject>().ToList();
        var amd64 = entries.FirstOrDefault(m => Text(m["platform"]?["os"]) == "linux" && Text(m["platform"]?["architecture"]) == "amd64");
        var first = entries.FirstOrDefault(m => Text(m["platform"]?["os"]) is not "unknown") ?? entries.FirstOrDefault();
        return Text((amd64 ?? first)?["digest"]);
    }

    // The index's annotation describes the image as a whole, so it wins over the platform manifest's.
    private static string? Description(List<JsonObject?> annotations, JsonObject? labels) =>
        annotations.AsEnumerable().Reverse().Select(a => Text(a?[OciMediaTypes.DescriptionAnnotation])).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d))
        ?? Text(labels?[OciMediaTypes.DescriptionAnnotation]);

    private static SortedDictionary<string, string> Merge(JsonObject? labels, List<JsonObject?> annotations)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in annotations.Prepend(labels))
        {
            foreach (var (key, value) in source ?? [])
            {
                if (Text(value) is { } text)
                {
                    merged.TryAdd(key, text);
                }
            }
        }

        return merged;
    }

    private static long Size(JsonNode? descriptor) =>
        descriptor?["size"] is JsonValue v && v.TryGetValue<long>(out var size) ? size : 0;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static DateTimeOffset? ParseTime(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : null;
}
