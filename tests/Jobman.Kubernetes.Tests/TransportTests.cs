using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using Jobman.Http;
using Jobman.Sandbox.Kubernetes;
using k8s;

namespace Jobman.Kubernetes.Tests;

/// <summary>Timeouts, transport retries, exec caching, proxies and kubeconfig discovery, over real sockets.</summary>
public class TransportTests
{
    private string _home = null!;
    private Dictionary<string, string> _env = null!;

    [SetUp]
    public void SetUp()
    {
        _home = Directory.CreateTempSubdirectory("jobman-transport-").FullName;
        _env = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" };
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_home, recursive: true);

    private ClusterConnector Connector(JobmanSettings? settings = null) => new(settings ?? JobmanSettings.Empty, new JobmanEnvironment(_home, _env.GetValueOrDefault));

    [TestCase("http")]
    [TestCase("https")]
    public async Task A_server_that_accepts_and_never_answers_ends_with_the_request_timeout(string scheme)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                accepted.Add(await listener.AcceptTcpClientAsync());
            }
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var path = Path.Combine(_home, "config");
        File.WriteAllText(path, $"apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: c\n  cluster:\n    server: {scheme}://127.0.0.1:{port}\n    insecure-skip-tls-verify: true\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\nusers:\n- name: u\n  user:\n    token: t\n");

        using var connection = Connector().Connect(new ClusterSelection(path, null, null, RequestTimeout: KubernetesOptions.ParseTimeout("1s")));
        var started = DateTime.UtcNow;
        var act = () => KubernetesRetry.Default.RunAsync(ct => connection.Client.BatchV1.ListNamespacedJobAsync("default", cancellationToken: ct), connection, "list jobs", idempotent: true, CancellationToken.None);

        (await act.Should().ThrowAsync<JobmanException>()).Which.Message.Should().Contain("did not answer in time");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(8), "a timeout is not retried");
        accepted.Should().NotBeEmpty();
        foreach (var client in accepted)
        {
            client.Dispose();
        }
    }

    [TestCase("0", null)]
    [TestCase("30", 30)]
    [TestCase("30s", 30)]
    [TestCase("1m", 60)]
    [TestCase("1h2m3s", 3723)]
    [TestCase("500ms", 0.5)]
    public void Request_timeout_reads_like_kubectl(string text, double? seconds) =>
        KubernetesOptions.ParseTimeout(text).Should().Be(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value));

    [TestCase("soon")]
    [TestCase("-1s")]
    [TestCase("1x")]
    public void Malformed_request_timeout_is_a_usage_error(string text)
    {
        var act = () => KubernetesOptions.ParseTimeout(text);

        act.Should().Throw<JobmanException>().Which.ExitCode.Should().Be(ExitCodes.Usage);
    }

    [Test]
    public async Task A_connection_reset_under_a_read_is_retried_but_never_under_a_create()
    {
        await using var server = await KubernetesApiServer.StartAsync();
        var path = server.WriteKubeconfig(Path.Combine(_home, "config"), server.AddUser("alice", "team-a"), "team-a");
        using var connection = Connector().Connect(new ClusterSelection(path, null, null));
        var retry = new KubernetesRetry(attempts: 4, baseDelay: TimeSpan.FromMilliseconds(5));

        server.Faults.Next(2, Fault.ResetConnection(), "/jobs");
        var list = await retry.RunAsync(ct => connection.Client.BatchV1.ListNamespacedJobAsync("team-a", cancellationToken: ct), connection, "list jobs", idempotent: true, CancellationToken.None);
        list.Items.Should().BeEmpty();

        server.Faults.Next(1, Fault.ResetConnection(), "/configmaps");
        var map = new k8s.Models.V1ConfigMap { Metadata = new k8s.Models.V1ObjectMeta { Name = "m" } };
        var create = () => retry.RunAsync(ct => connection.Client.CoreV1.CreateNamespacedConfigMapAsync(map, "team-a", cancellationToken: ct), connection, "create configmap", idempotent: false, CancellationToken.None);
        await create.Should().ThrowAsync<JobmanException>();
        server.Store.GetConfigMap("team-a", "m").Should().BeNull("a write is never resent blindly");
    }

    [Test]
    [Platform(Exclude = "Win")]
    public async Task An_exec_plugin_runs_once_per_process_for_every_client_of_the_command()
    {
        await using var server = await KubernetesApiServer.StartAsync();
        var token = server.AddUser("alice", "team-a");
        var counter = Path.Combine(_home, "runs");
        var plugin = Path.Combine(_home, "plugin.sh");
        File.WriteAllText(plugin, $"#!/bin/sh\necho run >> '{counter}'\nprintf '%s' '{{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"status\":{{\"token\":\"{token}\",\"expirationTimestamp\":\"{DateTime.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}\"}}}}'\n");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var ca = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(server.CaCertificatePem));
        var path = Path.Combine(_home, "config");
        File.WriteAllText(path, $"apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: c\n  cluster:\n    server: {server.BaseUri}\n    certificate-authority-data: {ca}\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n    namespace: team-a\nusers:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: {plugin}\n      args: [\"{Guid.NewGuid()}\"]\n");

        for (var client = 0; client < 3; client++)
        {
            using var connection = Connector().Connect(new ClusterSelection(path, null, null));
            await connection.Client.BatchV1.ListNamespacedJobAsync("team-a");
            await connection.Client.CoreV1.ListNamespacedPodAsync("team-a");
        }

        File.ReadAllLines(counter).Should().HaveCount(1);
    }

    [Test]
    public async Task A_rotated_token_file_is_read_again()
    {
        await using var server = await KubernetesApiServer.StartAsync();
        var tokenFile = Path.Combine(_home, "token");
        File.WriteAllText(tokenFile, "expired");
        var path = server.WriteKubeconfig(Path.Combine(_home, "config"), null, "team-a");
        File.WriteAllText(path, File.ReadAllText(path).Replace("user: {}", $"user:\n    tokenFile: {tokenFile}", StringComparison.Ordinal));
        using var connection = Connector().Connect(new ClusterSelection(path, null, null));

        var first = () => connection.Client.BatchV1.ListNamespacedJobAsync("team-a");
        await first.Should().ThrowAsync<k8s.Autorest.HttpOperationException>();

        File.WriteAllText(tokenFile, server.AddUser("alice", "team-a") + "\n");
        var list = await connection.Client.BatchV1.ListNamespacedJobAsync("team-a");
        list.Items.Should().BeEmpty();
    }

    [Test]
    public void KUBECONFIG_naming_only_missing_files_is_an_error_without_fallback()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".kube"));
        File.WriteAllText(Path.Combine(_home, ".kube", "config"), "apiVersion: v1\nkind: Config\n");
        _env["KUBECONFIG"] = Path.Combine(_home, "nope-1") + Path.PathSeparator + Path.Combine(_home, "nope-2");

        var act = () => Connector().Connect(ClusterSelection.Default);

        act.Should().Throw<JobmanException>().Which.Message.Should().Contain("KUBECONFIG names no existing file").And.Contain("nope-2");
    }

    [Test]
    public void In_cluster_honours_POD_NAMESPACE_then_the_namespace_file()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_home, "sa")).FullName;
        File.WriteAllText(Path.Combine(folder, "token"), "t");
        File.WriteAllText(Path.Combine(folder, "namespace"), "from-file\n");
        _env["KUBERNETES_SERVICE_HOST"] = "10.0.0.1";
        _env["KUBERNETES_SERVICE_PORT"] = "443";
        var connector = new ClusterConnector(JobmanSettings.Empty, new JobmanEnvironment(_home, _env.GetValueOrDefault)) { ServiceAccountFolder = folder };

        connector.Resolve(ClusterSelection.Default).Namespace.Should().Be("from-file");
        _env["POD_NAMESPACE"] = "from-env";
        connector.Resolve(ClusterSelection.Default).Namespace.Should().Be("from-env");
        connector.Resolve(ClusterSelection.Default).Cluster.Server.Should().Be("https://10.0.0.1:443");
    }

    [Test]
    public void Settings_kubeconfig_file_is_relative_to_the_settings_file_and_used_without_a_type()
    {
        var settingsFolder = Directory.CreateDirectory(Path.Combine(_home, "proj")).FullName;
        var settingsFile = Path.Combine(settingsFolder, "settings.json");
        File.WriteAllText(settingsFile, """{"kubeConfig": {"file": "kube/config"}}""");
        Directory.CreateDirectory(Path.Combine(settingsFolder, "kube"));
        File.WriteAllText(Path.Combine(settingsFolder, "kube", "config"), "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: c\n  cluster:\n    server: https://settings.example:6443\ncontexts:\n- name: c\n  context:\n    cluster: c\n");
        var settings = new JobmanSettings((JsonObject)JsonNode.Parse(File.ReadAllText(settingsFile))!, [settingsFile]);

        Connector(settings).Resolve(ClusterSelection.Default).Cluster.Server.Should().Be("https://settings.example:6443");
    }

    [TestCase("https://127.0.0.1:6443", "", false)]
    [TestCase("https://localhost:6443", "", false)]
    [TestCase("https://[::1]:6443", "", false)]
    [TestCase("https://api.example.com", "", true)]
    [TestCase("https://api.example.com", "example.com", false)]
    [TestCase("https://api.example.com", ".example.com", false)]
    [TestCase("https://example.com", ".example.com", true)]
    [TestCase("https://api.example.com", "*.example.com", false)]
    [TestCase("https://notexample.com", "example.com", true)]
    [TestCase("https://10.1.2.3", "10.0.0.0/8", false)]
    [TestCase("https://11.1.2.3", "10.0.0.0/8", true)]
    [TestCase("https://10.1.2.3:6443", "10.1.2.3:443", true)]
    [TestCase("https://10.1.2.3:443", "10.1.2.3:443", false)]
    [TestCase("https://anything", "*", false)]
    public void Environment_proxies_follow_gos_rules(string url, string noProxy, bool proxied)
    {
        var variables = new Dictionary<string, string> { ["HTTPS_PROXY"] = "proxy.corp:3128", ["NO_PROXY"] = noProxy };

        var proxy = GoEnvironmentProxy.FromEnvironment(variables.GetValueOrDefault)!;

        proxy.GetProxy(new Uri(url)).Should().Be(proxied ? new Uri("http://proxy.corp:3128") : null);
    }

    [Test]
    public async Task Proxy_url_in_the_kubeconfig_is_used()
    {
        await using var server = await KubernetesApiServer.StartAsync();
        using var proxy = new TcpListener(IPAddress.Loopback, 0);
        proxy.Start();
        var port = ((IPEndPoint)proxy.LocalEndpoint).Port;
        var path = server.WriteKubeconfig(Path.Combine(_home, "config"), server.AddUser("alice", "team-a"), "team-a");
        File.WriteAllText(path, File.ReadAllText(path).Replace("    server:", $"    proxy-url: http://127.0.0.1:{port}\n    server:", StringComparison.Ordinal));
        using var connection = Connector().Connect(new ClusterSelection(path, null, null, RequestTimeout: TimeSpan.FromSeconds(5)));

        var call = connection.Client.BatchV1.ListNamespacedJobAsync("team-a");
        using var accepted = await proxy.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var buffer = new byte[512];
        var read = await accepted.GetStream().ReadAsync(buffer);

        System.Text.Encoding.ASCII.GetString(buffer, 0, read).Should().StartWith($"CONNECT 127.0.0.1:{server.BaseUri.Port} HTTP/1.1");
        accepted.Dispose();
        await call.Invoking(c => c).Should().ThrowAsync<Exception>();
    }
}
