using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>
/// A tiny single-layer OCI image built in memory: a tar.gz layer with one file, a config with <c>created</c> and
/// Labels, and a manifest with annotations. <see cref="Manifest"/> is pushed as-is, so its digest is known.
/// </summary>
internal sealed class TestImage
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    private TestImage(Blob layer, Blob config, Blob manifest, string architecture)
    {
        Layer = layer;
        Config = config;
        Manifest = manifest;
        Architecture = architecture;
    }

    public Blob Layer { get; }

    public Blob Config { get; }

    public Blob Manifest { get; }

    public string Architecture { get; }

    /// <summary>What image-details must report as size: config plus layers.</summary>
    public long ImageSize => Config.Size + Layer.Size;

    public IEnumerable<Blob> Blobs => [Layer, Config];

    public static TestImage Build(
        string content, DateTimeOffset created, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations, string architecture = "amd64", bool docker = false)
    {
        var tar = Tar("hello.txt", content);
        var layer = new Blob(docker ? "application/vnd.docker.image.rootfs.diff.tar.gzip" : "application/vnd.oci.image.layer.v1.tar+gzip", Gzip(tar));
        var config = new Blob(docker ? "application/vnd.docker.container.image.v1+json" : "application/vnd.oci.image.config.v1+json", Utf8(new JsonObject
        {
            ["created"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["config"] = new JsonObject
            {
                ["Cmd"] = new JsonArray("cat", "/hello.txt"),
                ["Labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
            },
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray("sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar))),
            },
        }));
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = docker ? DockerManifest : OciManifest,
            ["config"] = config.Descriptor(),
            ["layers"] = new JsonArray(layer.Descriptor()),
        };
        if (annotations.Count > 0)
        {
            manifest["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        return new TestImage(layer, config, new Blob(docker ? DockerManifest : OciManifest, Utf8(manifest)), architecture);
    }

    /// <summary>An OCI index (or, without annotations, a Docker manifest list) over several images.</summary>
    public static Blob Index(IEnumerable<TestImage> images, IReadOnlyDictionary<string, string> annotations, bool docker = false) =>
        new(docker ? DockerManifestList : OciIndex, Utf8(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = docker ? DockerManifestList : OciIndex,
            ["manifests"] = new JsonArray(images.Select(i => (JsonNode)i.Manifest.Descriptor(new JsonObject
            {
                ["platform"] = new JsonObject { ["architecture"] = i.Architecture, ["os"] = "linux" },
            })).ToArray()),
            ["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
        }));

    private static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static byte[] Tar(string name, string content)
    {
        using var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                ModificationTime = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            writer.WriteEntry(entry);
        }

        return stream.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
