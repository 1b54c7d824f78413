using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;

namespace Jobman.Kubernetes.Tests;

/// <summary>Kubeconfig resolution order and its errors, with files in a temp home (never the real one).</summary>
public class ClusterConnectorTests
{
    private string _home = null!;
    private Dictionary<string, string> _env = null!;

    [SetUp]
    public void SetUp()
    {
        _home = Directory.CreateTempSubdirectory("jobman-kube-").FullName;
        _env = new Dictionary<string, string>();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_home, recursive: true);

    [Test]
    public void Home_kubeconfig_gives_server_namespace_and_user()
    {
        WriteKubeconfig(Path.Combine(_home, ".kube", "config"), "ctx-a", "https://a.example:6443", "team-a", "alice");

        using var connection = Connector().Connect(ClusterSelection.Default);

        connection.Server.Should().Be("https://a.example:6443");
        connection.Namespace.Should().Be("team-a");
        connection.UserName.Should().Be("alice");
    }

    [Test]
    public void KUBECONFIG_files_merge_with_the_first_definition_winning()
    {
        var first = WriteKubeconfig(Path.Combine(_home, "one.yaml"), "ctx-a", "https://a.example:6443", "team-a", "alice");
        var second = WriteKubeconfig(Path.Combine(_home, "two.yaml"), "ctx-b", "https://b.example:6443", "team-b", "bob");
        _env["KUBECONFIG"] = first + Path.PathSeparator + second;

        using var defaultContext = Connector().Connect(ClusterSelection.Default);
        using var otherContext = Connector().Connect(new ClusterSelection(null, "ctx-b", "override"));

        defaultContext.Server.Should().Be("https://a.example:6443");
        otherContext.Server.Should().Be("https://b.example:6443");
        otherContext.Namespace.Should().Be("override");
        otherContext.UserName.Should().Be("bob");
    }

    [Test]
    public void Unknown_context_lists_the_available_ones()
    {
        var file = WriteKubeconfig(Path.Combine(_home, "k.yaml"), "ctx-a", "https://a.example:6443", "team-a", "alice");

        var act = () => Connector().Connect(new ClusterSelection(file, "nope", null));

        act.Should().Throw<JobmanException>().Where(e => e.ExitCode == 2)
            .WithMessage("context 'nope' is not in the kubeconfig (--kubeconfig); available: ctx-a");
    }

    [Test]
    public void No_configuration_anywhere_says_how_to_provide_one()
    {
        var act = () => Connector().Connect(ClusterSelection.Default);

        act.Should().Throw<JobmanException>().Where(e => e.ExitCode == 2).WithMessage("no Kubernetes configuration found*");
    }

    [Test]
    public void Settings_file_type_needs_a_file()
    {
        var settings = new JobmanSettings(System.Text.Json.Nodes.JsonNode.Parse("""{ "kubeConfig": { "type": "file", "file": "/nonexistent/kube.json" } }""")!.AsObject(), []);

        var act = () => new ClusterConnector(settings, new JobmanEnvironment(_home, _env.GetValueOrDefault)).Connect(ClusterSelection.Default);

        act.Should().Throw<JobmanException>().WithMessage("kubeconfig '/nonexistent/kube.json' (settings kubeConfig.file) does not exist");
    }

    [Test]
    public void Unknown_settings_type_lists_the_valid_ones()
    {
        var settings = new JobmanSettings(System.Text.Json.Nodes.JsonNode.Parse("""{ "kubeConfig": { "type": "magic" } }""")!.AsObject(), []);

        var act = () => new ClusterConnector(settings, new JobmanEnvironment(_home, _env.GetValueOrDefault)).Connect(ClusterSelection.Default);

        act.Should().Throw<JobmanException>().WithMessage("settings kubeConfig.type 'magic' is not valid: use 'default', 'file' or 'cluster'");
    }

    private ClusterConnector Connector() => new(JobmanSettings.Empty, new JobmanEnvironment(_home, _env.GetValueOrDefault));

    private static string WriteKubeconfig(string path, string context, string server, string ns, string user)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: {context}
            clusters:
            - name: {context}-cluster
              cluster:
                server: {server}
            contexts:
            - name: {context}
              context:
                cluster: {context}-cluster
                namespace: {ns}
                user: {user}
            users:
            - name: {user}
              user:
                token: secret-token-of-{user}
            """);
        return path;
    }
}
