using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

/// <summary>Cluster access failures: one clear line on stderr and exit code 1, never a stack trace.</summary>
public class ErrorTests : ClusterTest
{
    [Test]
    public async Task Forbidden_namespace_quotes_the_refused_verb_and_namespace()
    {
        var result = await Run("list", "-n", "team-b");
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().StartWith("error: cannot list jobs in namespace 'team-b': permission denied (403 Forbidden): ")
            .And.Contain("cannot list resource \"jobs\"").And.Contain("team-b");
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }

    [Test]
    public async Task Bad_token_is_401()
    {
        var path = Path.Combine(Folder, "bad-token");
        Cluster.WriteKubeconfig(path, "not-a-token", Ns);
        var result = await Run("list", "--kubeconfig", path);
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Contain("rejected your credentials (401 Unauthorized)").And.NotContain("not-a-token");
    }

    [Test]
    public async Task Unreachable_server_is_named()
    {
        var path = Path.Combine(Folder, "closed");
        // The double's kubeconfig renderer is internal: write a valid one and point it at a closed port.
        Cluster.WriteKubeconfig(path, Token, Ns);
        File.WriteAllText(path, File.ReadAllText(path).Replace(Cluster.BaseUri.ToString().TrimEnd('/'), "https://127.0.0.1:9", StringComparison.Ordinal));
        var result = await Run("details", "-j", "x", "--kubeconfig", path);
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().StartWith("error: cannot read job 'x': the Kubernetes API server at https://127.0.0.1:9").And.Contain("unreachable");
    }

    [Test]
    public async Task Untrusted_certificate_is_a_tls_error()
    {
        await using var other = await KubernetesApiServer.StartAsync();
        var path = Path.Combine(Folder, "wrong-ca");
        // A kubeconfig trusting the other server's CA, pointed at this server.
        other.WriteKubeconfig(path, Token, Ns);
        File.WriteAllText(path, File.ReadAllText(path).Replace(other.BaseUri.ToString().TrimEnd('/'), Cluster.BaseUri.ToString().TrimEnd('/'), StringComparison.Ordinal));
        var result = await Run("list", "--kubeconfig", path);
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be($"error: cannot list jobs in namespace 'team-a': TLS handshake with {Cluster.BaseUri.ToString().TrimEnd('/')} failed (x509: certificate signed by unknown authority (not the kubeconfig's certificate-authority)); check the cluster's certificate-authority, server and tls-server-name in your kubeconfig\n");
    }

    [Test]
    public async Task Context_flag_selects_another_kubeconfig_context()
    {
        var result = await Run("list", "--context", "nope");
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("context 'nope' is not in the kubeconfig");
    }
}
