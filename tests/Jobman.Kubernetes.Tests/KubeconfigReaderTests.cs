using k8s;

namespace Jobman.Kubernetes.Tests;

/// <summary>
/// The fast kubeconfig reader must give exactly what KubernetesClient's own reader gives for the files it accepts,
/// and leave every other file to it.
/// </summary>
public class KubeconfigReaderTests
{
    private const string Ca = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENCK3dJSkFLSEJmcE5BYnZWdE1BMEdDU3FHU0liM0RRRUJDd1VBTUEweEN6QUpCZ05WQkFZVEFsVlQKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=";
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("jobman-kubeconfig-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [TestCase("token", "      token: abc.def")]
    [TestCase("basic", "      username: alice\n      password: s3cret")]
    [TestCase("certificate files", "      client-certificate: certs/client.crt\n      client-key: /abs/client.key")]
    [TestCase("certificate data", "      client-certificate-data: Y2VydA==\n      client-key-data: a2V5")]
    public void Common_files_read_the_same_as_KubernetesClient(string name, string user)
    {
        var path = Write($"""
            apiVersion: v1
            kind: Config
            current-context: main
            preferences: {"{}"}
            clusters:
            - name: c1
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: {Ca}
                tls-server-name: api.example
            - name: c2
              cluster:
                server: https://insecure.example
                insecure-skip-tls-verify: true
                certificate-authority: ca/ca.crt
            contexts:
            - name: main
              context:
                cluster: c1
                namespace: team-a
                user: u1
            - name: other
              context:
                cluster: c2
                user: u1
            users:
            - name: u1
              user:
            {user}
            """);

        var fast = KubeconfigReader.TryReadCommon(path);
        var reference = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path), useRelativePaths: true);

        fast.Should().NotBeNull(name);
        fast.Should().BeEquivalentTo(reference, o => o.Excluding(c => c.Preferences), name);
    }

    [TestCase("exec plugin", "      exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: get-token")]
    [TestCase("auth provider", "      auth-provider:\n        name: oidc")]
    [TestCase("token file", "      tokenFile: /var/run/token")]
    public void Other_user_kinds_are_left_to_KubernetesClient(string name, string user)
    {
        var path = Write($"""
            apiVersion: v1
            kind: Config
            current-context: main
            clusters:
            - name: c1
              cluster:
                server: https://10.0.0.1:6443
            contexts:
            - name: main
              context:
                cluster: c1
                user: u1
            users:
            - name: u1
              user:
            {user}
            """);

        KubeconfigReader.TryReadCommon(path).Should().BeNull(name);
    }

    [Test]
    public void Extensions_and_unknown_keys_are_left_to_KubernetesClient()
    {
        var path = Write("""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c1
              cluster:
                server: https://10.0.0.1:6443
              extensions:
              - name: x
                extension: {}
            """);

        KubeconfigReader.TryReadCommon(path).Should().BeNull();
    }

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "config");
        File.WriteAllText(path, text);
        return path;
    }
}
