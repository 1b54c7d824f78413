using System.Text.Json.Nodes;
using Jobman.Plugins.OciRegistry.Tests.Infrastructure;
using Jobman.Testing.Cli;

namespace Jobman.Plugins.OciRegistry.Tests;

/// <summary>
/// Starts the real registries once for every test in this assembly: anonymous (plain HTTP, 126 repositories),
/// htpasswd basic auth, token auth (with <see cref="TokenServer"/>) and TLS with a self-signed certificate; seeds
/// them with tiny images (skopeo from an OCI layout, or the push API for the bulk).
/// </summary>
[SetUpFixture]
public sealed class Registries
{
    public const int BulkCount = 120;
    public const string User = "jobman-test";
    public const string Password = "pa55-w0rd-test";
    public const string TrainerDescription = "Trains models on the cluster";
    public const string LabelDescription = "Described only by its label";
    public const string MultiarchDescription = "Multi-arch image (index annotation)";

    // bcrypt of Password (htpasswd -nbB): the registry accepts bcrypt only and .NET has no bcrypt.
    private const string HtpasswdLine = "jobman-test:$2y$05$GG.Go5tah8OZSpyPhJOi0eY2M0PMw64Z8k.6T0fakmbfBlwrG2QB2";

    private static readonly List<IAsyncDisposable> Started = [];

    public static string Root { get; private set; } = string.Empty;

    internal static RegistryServer Plain { get; private set; } = null!;

    internal static RegistryServer Basic { get; private set; } = null!;

    internal static RegistryServer Token { get; private set; } = null!;

    internal static RegistryServer Tls { get; private set; } = null!;

    internal static TokenServer TokenServer { get; private set; } = null!;

    /// <summary>PEM of the TLS registry's self-signed certificate.</summary>
    public static string CaBundle { get; private set; } = string.Empty;

    internal static TestImage TrainerV1 { get; } = TestImage.Build(
        "trainer 1", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        new Dictionary<string, string> { ["maintainer"] = "ml-team", ["org.opencontainers.image.version"] = "1.0" },
        new Dictionary<string, string> { ["org.opencontainers.image.description"] = TrainerDescription });

    internal static TestImage TrainerV2 { get; } = TestImage.Build(
        "trainer 2", new DateTimeOffset(2025, 6, 7, 8, 9, 10, TimeSpan.Zero),
        new Dictionary<string, string> { ["maintainer"] = "ml-team", ["org.opencontainers.image.version"] = "2.0" },
        new Dictionary<string, string> { ["org.opencontainers.image.description"] = TrainerDescription + " (v2)" });

    internal static TestImage Labelled { get; } = TestImage.Build(
        "labelled", new DateTimeOffset(2024, 12, 24, 18, 0, 0, TimeSpan.Zero),
        new Dictionary<string, string> { ["org.opencontainers.image.description"] = LabelDescription, ["team"] = "vision" },
        new Dictionary<string, string>());

    internal static TestImage Arm64 { get; } = TestImage.Build(
        "arm", new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), new Dictionary<string, string> { ["arch"] = "arm64" }, new Dictionary<string, string>(), "arm64");

    internal static TestImage Amd64 { get; } = TestImage.Build(
        "amd", new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero), new Dictionary<string, string> { ["arch"] = "amd64" }, new Dictionary<string, string>(), "amd64");

    internal static Blob MultiarchIndex { get; } = TestImage.Index(
        [Arm64, Amd64], new Dictionary<string, string> { ["org.opencontainers.image.description"] = MultiarchDescription });

    internal static TestImage DockerArm64 { get; } = TestImage.Build(
        "docker arm", new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero),
        new Dictionary<string, string> { ["org.opencontainers.image.description"] = "Docker format, arm64" }, new Dictionary<string, string>(), "arm64", docker: true);

    internal static TestImage DockerAmd64 { get; } = TestImage.Build(
        "docker amd", new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero),
        new Dictionary<string, string> { ["org.opencontainers.image.description"] = "Docker format, amd64" }, new Dictionary<string, string>(), "amd64", docker: true);

    internal static Blob DockerList { get; } = TestImage.Index([DockerArm64, DockerAmd64], new Dictionary<string, string>(), docker: true);

    internal static TestImage Bulk { get; } = TestImage.Build(
        "bulk", new DateTimeOffset(2025, 2, 2, 0, 0, 0, TimeSpan.Zero), new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>Tags of <c>ml/many-tags</c>: more than image-details inspects, and more than one page of a paging proxy.</summary>
    public static IReadOnlyList<string> ManyTags { get; } = Enumerable.Range(1, 101).Select(i => $"t{i}").ToList();

    /// <summary>Every repository of <see cref="Plain"/>, in catalog (lexical) order.</summary>
    public static IReadOnlyList<string> PlainRepositories { get; } = Enumerable.Range(0, BulkCount).Select(BulkName)
        .Concat(["ml/docker-format", "ml/docker-list", "ml/labelled", "ml/many-tags", "ml/multiarch", "ml/trainer"]).ToList();

    public static string BulkName(int i) => $"bulk/app-{i:000}";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        RegistryTools.RequireInstalled();
        Root = Directory.CreateTempSubdirectory("jobman-oci-tests-").FullName;
        var certificate = TestCertificates.SelfSigned("127.0.0.1");
        var tlsFiles = TestCertificates.WritePem(certificate, Path.Combine(Root, "tls"), "registry");
        CaBundle = tlsFiles.Certificate;
        var htpasswd = Path.Combine(Root, "htpasswd");
        await File.WriteAllTextAsync(htpasswd, HtpasswdLine + "\n");
        TokenServer = await TokenServer.StartAsync(Path.Combine(Root, "token"), new Dictionary<string, string> { [User] = Password });
        Started.Add(TokenServer);

        var plain = RegistryServer.StartAsync("plain", new RegistryOptions(), Root);
        var basic = RegistryServer.StartAsync("basic", new RegistryOptions { HtpasswdFile = htpasswd }, Root);
        var token = RegistryServer.StartAsync("token", new RegistryOptions { Token = (TokenServer.Realm, TokenServer.Service, TokenServer.Issuer, TokenServer.RootCertBundle) }, Root);
        var tls = RegistryServer.StartAsync("tls", new RegistryOptions { Tls = tlsFiles }, Root);
        try
        {
            await Task.WhenAll(plain, basic, token, tls);
        }
        finally
        {
            foreach (var task in new[] { plain, basic, token, tls }.Where(t => t.IsCompletedSuccessfully))
            {
                Started.Add(task.Result);
            }
        }

        (Plain, Basic, Token, Tls) = (plain.Result, basic.Result, token.Result, tls.Result);
        await Task.WhenAll(SeedPlainAsync(), SeedBasicAsync(), SeedTokenAsync(), SeedTlsAsync());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var started in Started)
        {
            await started.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A registry child may still hold a file for a moment; the OS cleans temp later.
        }
    }

    /// <summary>A jobman run with the OCI plugin and an <c>ociRegistry</c> section for <paramref name="server"/>.</summary>
    internal static JobmanRunner Runner(RegistryServer server, JsonObject? section = null, JsonObject? topLevel = null)
    {
        var settings = new JsonObject { ["ociRegistry"] = new JsonObject { ["url"] = server.BaseUrl } };
        foreach (var (key, value) in section ?? [])
        {
            settings["ociRegistry"]![key] = value?.DeepClone();
        }

        foreach (var (key, value) in topLevel ?? [])
        {
            settings[key] = value?.DeepClone();
        }

        return new JobmanRunner().WithPlugin(new OciRegistryPlugin()).WithUserSettings(settings.ToJsonString());
    }

    private static async Task SeedPlainAsync()
    {
        var layout = OciLayout.Write(Path.Combine(Root, "layout-trainer"), new Dictionary<string, TestImage>
        {
            ["1.0"] = TrainerV1,
            ["2.0"] = TrainerV2,
            ["latest"] = TrainerV2,
        });
        foreach (var tag in new[] { "1.0", "2.0", "latest" })
        {
            await Skopeo.CopyAsync(layout, tag, $"{Plain.HostPort}/ml/trainer:{tag}", null, Root);
        }

        using var http = new HttpClient();
        var pusher = new RegistryPusher(http, Plain.BaseUrl);
        await pusher.PushAsync("ml/labelled", "v1", Labelled);
        await pusher.PushIndexAsync("ml/multiarch", "1.0", MultiarchIndex, [Arm64, Amd64]);
        await pusher.PushAsync("ml/docker-format", "1.0", DockerAmd64);
        await pusher.PushIndexAsync("ml/docker-list", "1.0", DockerList, [DockerArm64, DockerAmd64]);
        await pusher.PushTagsAsync("ml/many-tags", ManyTags, Bulk);
        await Parallel.ForEachAsync(Enumerable.Range(0, BulkCount), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await pusher.PushAsync(BulkName(i), "1.0", Bulk));
    }

    private static async Task SeedBasicAsync()
    {
        var layout = OciLayout.Write(Path.Combine(Root, "layout-basic"), new Dictionary<string, TestImage> { ["1.0"] = TrainerV1 });
        await Skopeo.CopyAsync(layout, "1.0", $"{Basic.HostPort}/secure/app:1.0", $"{User}:{Password}", Root);
    }

    private static async Task SeedTokenAsync()
    {
        // skopeo does the whole token dance against TokenServer: proof that the double speaks the real protocol.
        var layout = OciLayout.Write(Path.Combine(Root, "layout-token"), new Dictionary<string, TestImage> { ["1.0"] = TrainerV1 });
        await Skopeo.CopyAsync(layout, "1.0", $"{Token.HostPort}/team/tool:1.0", $"{User}:{Password}", Root);
    }

    private static async Task SeedTlsAsync()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        await new RegistryPusher(http, Tls.BaseUrl).PushAsync("tls/app", "1.0", TrainerV1);
    }
}
