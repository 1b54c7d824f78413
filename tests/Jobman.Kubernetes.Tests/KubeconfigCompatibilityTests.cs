using System.Diagnostics;
using k8s;
using System.Text;
using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Kubernetes.Tests;

/// <summary>
/// Kubeconfigs as real clusters write them, each run by jobman against the Kubernetes double and, beside it, by the
/// real kubectl on the same file: both must reach the same verdict (works / refused).
/// </summary>
public class KubeconfigCompatibilityTests
{
    private static KubernetesApiServer _local = null!;
    private static KubernetesApiServer _named = null!;
    private static string _token = null!;
    private static string _namedToken = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public static async Task StartAsync()
    {
        _local = await KubernetesApiServer.StartAsync();
        _named = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { ServerDnsNames = ["kube.internal"] });
        _token = _local.AddUser("alice", "team-a");
        _namedToken = _named.AddUser("alice", "team-a");
    }

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        await _local.DisposeAsync();
        await _named.DisposeAsync();
    }

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("jobman-kubecompat-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private static string Ca(KubernetesApiServer server) => Convert.ToBase64String(Encoding.UTF8.GetBytes(server.CaCertificatePem));

    private static string Server(KubernetesApiServer server) => server.BaseUri.ToString().TrimEnd('/');

    private string Kubeconfig(string cluster, string user, string name = "config")
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: main
            clusters:
            - name: c
              cluster:
            {Indent(cluster, 4)}
            users:
            - name: u
              user:
            {Indent(user, 4)}
            contexts:
            - name: main
              context:
                cluster: c
                user: u
                namespace: team-a
            """);
        return path;
    }

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(l => new string(' ', spaces) + l));

    private string Write(string name, string text, bool executable = false)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        if (executable && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private static string Plugin(string apiVersion, string token) =>
        $"#!/bin/sh\necho \"$KUBERNETES_EXEC_INFO\" >> \"$(dirname \"$0\")/exec-info.log\"\n" +
        $"printf '%s' '{{\"kind\":\"ExecCredential\",\"apiVersion\":\"{apiVersion}\",\"status\":{{\"token\":\"{token}\"}}}}'\n";

    [Test]
    public Task Token_and_inline_ca_work() =>
        BothAgreeAsync(Kubeconfig($"server: {Server(_local)}\ncertificate-authority-data: {Ca(_local)}", $"token: {_token}"), works: true);

    [Test]
    public Task Ca_file_relative_to_the_kubeconfig_works()
    {
        Write("pki/ca.crt", _local.CaCertificatePem);
        return BothAgreeAsync(Kubeconfig($"server: {Server(_local)}\ncertificate-authority: pki/ca.crt", $"token: {_token}"), works: true);
    }

    [Test]
    public async Task Certificate_for_another_host_name_is_refused_even_with_the_pinned_ca()
    {
        var path = Kubeconfig($"server: {Server(_named)}\ncertificate-authority-data: {Ca(_named)}", $"token: {_namedToken}");

        var error = await BothAgreeAsync(path, works: false);

        error.Should().Contain("x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs");
        _named.Requests.Should().BeEmpty("nothing is sent to a server whose certificate is for another name");
    }

    [Test]
    public Task Tls_server_name_names_the_certificate_host() =>
        BothAgreeAsync(Kubeconfig($"server: {Server(_named)}\ncertificate-authority-data: {Ca(_named)}\ntls-server-name: kube.internal", $"token: {_namedToken}"), works: true);

    [Test]
    public async Task Wrong_tls_server_name_is_refused()
    {
        var error = await BothAgreeAsync(Kubeconfig($"server: {Server(_named)}\ncertificate-authority-data: {Ca(_named)}\ntls-server-name: other.internal", $"token: {_namedToken}"), works: false);

        error.Should().Contain("x509: certificate is valid for kube.internal, not other.internal");
    }

    [Test]
    public Task Ca_of_another_cluster_is_refused() =>
        BothAgreeAsync(Kubeconfig($"server: {Server(_local)}\ncertificate-authority-data: {Ca(_named)}", $"token: {_token}"), works: false);

    [Test]
    public Task Without_a_ca_the_system_roots_refuse_a_private_ca() =>
        BothAgreeAsync(Kubeconfig($"server: {Server(_local)}", $"token: {_token}"), works: false);

    [Test]
    public Task Insecure_skip_tls_verify_is_honoured_when_asked() =>
        BothAgreeAsync(Kubeconfig($"server: {Server(_named)}\ninsecure-skip-tls-verify: true", $"token: {_namedToken}"), works: true);

    [Test]
    public async Task Insecure_skip_tls_verify_with_a_ca_is_refused()
    {
        var error = await BothAgreeAsync(Kubeconfig($"server: {Server(_local)}\ncertificate-authority-data: {Ca(_local)}\ninsecure-skip-tls-verify: true", $"token: {_token}"), works: false);

        error.Should().Contain("specifying a root certificates file with the insecure flag is not allowed");
    }

    [Test]
    public Task Wrong_token_is_refused() =>
        BothAgreeAsync(Kubeconfig($"server: {Server(_local)}\ncertificate-authority-data: {Ca(_local)}", "token: not-a-token"), works: false);

    [TestCase("/abs")]
    [TestCase("relative")]
    public Task Token_file_works(string where)
    {
        var file = Write("secrets/token", _token + "\n");
        var reference = where == "/abs" ? file : "secrets/token";
        return BothAgreeAsync(Kubeconfig($"server: {Server(_local)}\ncertificate-authority-data: {Ca(_local)}", $"tokenFile: {reference}"), works: true);
    }

    [TestCase(ClientKeyFormat.RsaPkcs1, true)]
    [TestCase(ClientKeyFormat.RsaPkcs8, true)]
    [TestCase(ClientKeyFormat.Ec, true)]
    [TestCase(ClientKeyFormat.Ec, false)]
    public Task Client_certificates_authenticate(ClientKeyFormat format, bool inline)
    {
        var pem = _local.AddCertificateUser($"cert-{format}", format, "team-a");
        string user;
        if (inline)
        {
            user = $"client-certificate-data: {B64(pem.CertificatePem)}\nclient-key-data: {B64(pem.KeyPem)}";
        }
        else
        {
            Write("certs/client.crt", pem.CertificatePem);
            Write("certs/client.key", pem.KeyPem);
            user = "client-certificate: certs/client.crt\nclient-key: certs/client.key";
        }

        return BothAgreeAsync(Kubeconfig($"server: {Server(_local)}\ncertificate-authority-data: {Ca(_local)}", user), works: true);
    }

    [TestCase("client.authentication.k8s.io/v1", "interactiveMode: Never")]
    [TestCase("client.authentication.k8s.io/v1beta1", "")]
    public async Task Exec_plugin_with_a_relative_command_works(string apiVersion, string mode)
    {
        Write("bin/plugin.sh", Plugin(apiVersion, _token), executable: true);
        var path = Kubeconfig(
            $"server: {Server(_local)}\ncertificate-authority-data: {Ca(_local)}",
            $"exec:\n  apiVersion: {apiVersion}\n  command: ./bin/plugin.sh\n  provideClusterInfo: true\n  {mode}");

        await BothAgreeAsync(path, works: true);

        var info = File.ReadAllLines(Path.Combine(_folder, "bin", "exec-info.log"))[0];
        info.Should().Contain("\"kind\":\"ExecCredential\"").And.Contain($"\"apiVersion\":\"{apiVersion}\"")
            .And.Contain("\"interactive\":false").And.Contain($"\"server\":\"{Server(_local)}\"");
    }

    [Test]
    public Task Exec_v1_without_interactive_mode_is_refused()
    {
        Write("bin/plugin.sh", Plugin("client.authentication.k8s.io/v1", _token), executable: true);
        return BothAgreeAsync(Kubeconfig($"server: {Server(_local)}\ncertificate-authority-data: {Ca(_local)}", "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: ./bin/plugin.sh"), works: false);
    }

    [Test]
    public async Task Failing_exec_plugin_is_one_line_with_its_stderr_and_install_hint()
    {
        Write("bin/plugin.sh", "#!/bin/sh\necho 'login expired: run sso-login' >&2\nexit 3\n", executable: true);
        var path = Kubeconfig(
            $"server: {Server(_local)}\ncertificate-authority-data: {Ca(_local)}",
            "exec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: ./bin/plugin.sh\n  installHint: install sso-tools from the wiki");

        var error = await BothAgreeAsync(path, works: false);

        error.Should().Contain("exit code 3").And.Contain("login expired: run sso-login").And.Contain("install sso-tools from the wiki").And.NotContain("\n");
    }

    [Test]
    public async Task Missing_exec_plugin_names_the_install_hint()
    {
        var path = Kubeconfig(
            $"server: {Server(_local)}\ncertificate-authority-data: {Ca(_local)}",
            "exec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: jobman-test-no-such-plugin\n  installHint: install sso-tools from the wiki");

        var error = await BothAgreeAsync(path, works: false);

        error.Should().Contain("jobman-test-no-such-plugin").And.Contain("install sso-tools from the wiki");
    }

    [Test]
    public async Task Second_kubeconfig_file_resolves_relative_paths_against_its_own_folder()
    {
        var first = Kubeconfig($"server: {Server(_named)}", "token: unused", "one/config");
        Write("two/pki/ca.crt", _local.CaCertificatePem);
        Write("two/token", _token);
        var second = Write("two/config", $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster:
                server: {Server(_local)}
                certificate-authority: pki/ca.crt
            users:
            - name: local-user
              user:
                tokenFile: token
            contexts:
            - name: local
              context:
                cluster: local
                user: local-user
                namespace: team-a
            """);

        await BothAgreeAsync(null, works: true, env: first + Path.PathSeparator + second, extra: ["--context", "local"]);
    }

    [Test]
    public async Task User_and_cluster_flags_pick_entries_like_kubectl()
    {
        var path = Write("config", $"""
            apiVersion: v1
            kind: Config
            current-context: main
            clusters:
            - name: good
              cluster:
                server: {Server(_local)}
                certificate-authority-data: {Ca(_local)}
            - name: bad
              cluster:
                server: {Server(_named)}
                certificate-authority-data: {Ca(_named)}
            users:
            - name: good-user
              user:
                token: {_token}
            - name: bad-user
              user:
                token: nope
            contexts:
            - name: main
              context:
                cluster: bad
                user: bad-user
                namespace: team-a
            """);

        await BothAgreeAsync(path, works: false);
        await BothAgreeAsync(path, works: true, extra: ["--cluster", "good", "--user", "good-user"]);
    }

    [Test]
    public async Task Server_url_with_a_path_prefix_keeps_the_prefix()
    {
        await using var prefixed = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { PathPrefix = "/k8s/clusters/c-1" });
        var token = prefixed.AddUser("alice", "team-a");

        await BothAgreeAsync(Kubeconfig($"server: {Server(prefixed)}\ncertificate-authority-data: {Ca(prefixed)}", $"token: {token}"), works: true);
        Server(prefixed).Should().EndWith("/k8s/clusters/c-1");
        prefixed.Requests.Should().Contain(r => r.Path == "/apis/batch/v1/namespaces/team-a/jobs", "the double strips the prefix it serves below");

        var withoutPrefix = Server(prefixed)[..^"/k8s/clusters/c-1".Length];
        await BothAgreeAsync(Kubeconfig($"server: {withoutPrefix}\ncertificate-authority-data: {Ca(prefixed)}", $"token: {token}", "no-prefix"), works: false);
    }

    [Test]
    public async Task Socks5_proxy_url_is_used()
    {
        using var socks = new Jobman.Testing.Net.Socks5Proxy();
        var port = _local.BaseUri.Port;

        await BothAgreeAsync(Kubeconfig($"server: {Server(_local)}\ncertificate-authority-data: {Ca(_local)}\nproxy-url: {socks.Url}", $"token: {_token}"), works: true);

        socks.Destinations.Should().NotBeEmpty().And.OnlyContain(d => d == $"127.0.0.1:{port}", "jobman and kubectl both connect through the SOCKS5 proxy");
        socks.Destinations.Count.Should().BeGreaterThanOrEqualTo(KubectlRuns ? 2 : 1);
    }

    [Test]
    public async Task In_cluster_service_account_reaches_the_server_with_its_token_and_ca()
    {
        // kubectl reads the fixed /var/run/secrets path, so only jobman runs this case: the service account folder
        // a pod gets (token, ca.crt, namespace) and the two variables the kubelet sets.
        var folder = Path.GetDirectoryName(Write("sa/token", _token))!;
        Write("sa/ca.crt", _local.CaCertificatePem);
        Write("sa/namespace", "team-a");
        var variables = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = _local.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var connector = new ClusterConnector(JobmanSettings.Empty, new JobmanEnvironment(_folder, variables.GetValueOrDefault)) { ServiceAccountFolder = folder };
        _local.ClearRequests();

        using var connection = connector.Connect(ClusterSelection.Default);
        var jobs = await connection.Client.BatchV1.ListNamespacedJobAsync(connection.Namespace);

        jobs.Should().NotBeNull();
        connection.Namespace.Should().Be("team-a");
        _local.Requests.Should().Contain(r => r.Path == "/apis/batch/v1/namespaces/team-a/jobs" && r.User == "alice" && r.StatusCode == 200);
    }

    private static bool KubectlRuns => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(p => File.Exists(Path.Combine(p, "kubectl")));

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>Lists jobs with jobman's connector and with kubectl; returns jobman's error line (empty when it worked).</summary>
    private async Task<string> BothAgreeAsync(string? kubeconfig, bool works, string? env = null, string[]? extra = null)
    {
        extra ??= [];
        string? Flag(string name) => Array.IndexOf(extra, name) is var i and >= 0 ? extra[i + 1] : null;
        var variables = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" };
        if (env is not null)
        {
            variables["KUBECONFIG"] = env;
        }

        var connector = new ClusterConnector(JobmanSettings.Empty, new JobmanEnvironment(_folder, variables.GetValueOrDefault));
        var error = string.Empty;
        try
        {
            using var connection = connector.Connect(new ClusterSelection(kubeconfig, Flag("--context"), null, Flag("--user"), Flag("--cluster")));
            await KubernetesRetry.Default.RunAsync(ct => connection.Client.BatchV1.ListNamespacedJobAsync(connection.Namespace, cancellationToken: ct), connection, "list jobs", idempotent: true, CancellationToken.None);
        }
        catch (JobmanException ex)
        {
            error = ex.Message;
        }

        (error.Length == 0).Should().Be(works, $"jobman: {error}");

        var kubectl = await KubectlAsync(kubeconfig, env, extra);
        if (kubectl is not null)
        {
            (kubectl.Value.ExitCode == 0).Should().Be(works, $"kubectl gives the same verdict: {kubectl.Value.Stderr}");
        }

        return error;
    }

    private async Task<(int ExitCode, string Stderr)?> KubectlAsync(string? kubeconfig, string? env, string[] extra)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(p => File.Exists(Path.Combine(p, "kubectl")));
        if (!onPath)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail("kubectl is not on the PATH (required under CI=true)");
            }

            return null;
        }

        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder };
        if (kubeconfig is not null)
        {
            start.ArgumentList.Add("--kubeconfig");
            start.ArgumentList.Add(kubeconfig);
        }

        foreach (var arg in extra.Concat(["--request-timeout", "20s", "get", "jobs"]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("KUBECONFIG");
        if (env is not null)
        {
            start.Environment["KUBECONFIG"] = env;
        }

        start.Environment["HOME"] = _folder;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        return (process.ExitCode, await stderr);
    }
}
