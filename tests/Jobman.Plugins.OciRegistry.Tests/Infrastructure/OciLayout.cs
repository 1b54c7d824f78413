using System.Text.Json.Nodes;

namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>Writes images as an OCI image layout folder (oci-layout, index.json, blobs/sha256/...) for skopeo.</summary>
internal static class OciLayout
{
    public static string Write(string folder, IReadOnlyDictionary<string, TestImage> imagesByTag)
    {
        var blobs = Path.Combine(folder, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        foreach (var blob in imagesByTag.Values.SelectMany(i => i.Blobs.Append(i.Manifest)))
        {
            File.WriteAllBytes(Path.Combine(blobs, blob.Digest["sha256:".Length..]), blob.Bytes);
        }

        File.WriteAllText(Path.Combine(folder, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = TestImage.OciIndex,
            ["manifests"] = new JsonArray(imagesByTag.Select(p => (JsonNode)p.Value.Manifest.Descriptor(new JsonObject
            {
                ["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = p.Key },
            })).ToArray()),
        };
        File.WriteAllText(Path.Combine(folder, "index.json"), index.ToJsonString());
        return folder;
    }
}
