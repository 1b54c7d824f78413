using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace Jobman.Kubernetes;

/// <summary>
/// Reads a kubeconfig file. KubernetesClient's own reader builds a YamlDotNet object deserializer, which costs about
/// 150 ms on every jobman run (bench/RESULTS.md); the common kubeconfigs (server, CA, token, client certificate,
/// basic auth) are read here from the YAML node tree in a few milliseconds instead. Anything else in the file (exec
/// plugins, auth providers, impersonation, unknown keys) goes to KubernetesClient's reader unchanged.
/// </summary>
public static class KubeconfigReader
{
    private static readonly HashSet<string> TopKeys = ["apiVersion", "kind", "current-context", "clusters", "contexts", "users", "preferences"];
    private static readonly HashSet<string> ClusterKeys = ["server", "certificate-authority-data", "certificate-authority", "insecure-skip-tls-verify", "tls-server-name"];
    private static readonly HashSet<string> ContextKeys = ["cluster", "user", "namespace"];
    private static readonly HashSet<string> UserKeys = ["token", "client-certificate-data", "client-key-data", "client-certificate", "client-key", "username", "password"];

    /// <summary>Reads <paramref name="path"/>; relative file paths in it are resolved against its folder when the client is built.</summary>
    /// <param name="path">The kubeconfig file.</param>
    /// <returns>The configuration.</returns>
    public static K8SConfiguration Load(string path) =>
        TryReadCommon(path) ?? KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path), useRelativePaths: true);

    /// <summary>The configuration when the file uses only the common keys, else null.</summary>
    /// <param name="path">The kubeconfig file.</param>
    /// <returns>The configuration or null.</returns>
    public static K8SConfiguration? TryReadCommon(string path)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(reader);
            }

            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return null;
            }

            root = mapping;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            // Let KubernetesClient's reader report the syntax error in its own words.
            return null;
        }

        if (!OnlyKeys(root, TopKeys))
        {
            return null;
        }

        var clusters = new List<Cluster>();
        var contexts = new List<Context>();
        var users = new List<User>();
        foreach (var (name, body) in NamedEntries(root, "clusters", "cluster"))
        {
            if (body is null || !OnlyKeys(body, ClusterKeys))
            {
                return null;
            }

            clusters.Add(new Cluster
            {
                Name = name,
                ClusterEndpoint = new ClusterEndpoint
                {
                    Server = Scalar(body, "server"),
                    CertificateAuthorityData = Scalar(body, "certificate-authority-data"),
                    CertificateAuthority = Scalar(body, "certificate-authority"),
                    SkipTlsVerify = string.Equals(Scalar(body, "insecure-skip-tls-verify"), "true", StringComparison.OrdinalIgnoreCase),
                    TlsServerName = Scalar(body, "tls-server-name"),
                },
            });
        }

        foreach (var (name, body) in NamedEntries(root, "contexts", "context"))
        {
            if (body is null || !OnlyKeys(body, ContextKeys))
            {
                return null;
            }

            contexts.Add(new Context
            {
                Name = name,
                ContextDetails = new ContextDetails { Cluster = Scalar(body, "cluster"), User = Scalar(body, "user"), Namespace = Scalar(body, "namespace") },
            });
        }

        foreach (var (name, body) in NamedEntries(root, "users", "user"))
        {
            if (body is null || !OnlyKeys(body, UserKeys))
            {
                return null;
            }

            users.Add(new User
            {
                Name = name,
                UserCredentials = new UserCredentials
                {
                    Token = Scalar(body, "token"),
                    ClientCertificateData = Scalar(body, "client-certificate-data"),
                    ClientKeyData = Scalar(body, "client-key-data"),
                    ClientCertificate = Scalar(body, "client-certificate"),
                    ClientKey = Scalar(body, "client-key"),
                    UserName = Scalar(body, "username"),
                    Password = Scalar(body, "password"),
                },
            });
        }

        return new K8SConfiguration
        {
            ApiVersion = Scalar(root, "apiVersion"),
            Kind = Scalar(root, "kind"),
            CurrentContext = Scalar(root, "current-context"),
            Clusters = clusters,
            Contexts = contexts,
            Users = users,
            FileName = Path.GetFullPath(path),
        };
    }

    private static bool OnlyKeys(YamlMappingNode node, HashSet<string> allowed) =>
        node.Children.Keys.All(k => k is YamlScalarNode { Value: { } key } && allowed.Contains(key));

    private static IEnumerable<(string Name, YamlMappingNode? Body)> NamedEntries(YamlMappingNode root, string listKey, string bodyKey)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(listKey), out var list) || list is YamlScalarNode { Value: null or "" or "null" or "~" })
        {
            yield break;
        }

        if (list is not YamlSequenceNode items)
        {
            yield return (string.Empty, null);
            yield break;
        }

        foreach (var item in items)
        {
            // An entry with extra keys (e.g. extensions) is left to KubernetesClient's reader.
            if (item is not YamlMappingNode entry || entry.Children.Count != 2 || Scalar(entry, "name") is not { } name
                || !entry.Children.TryGetValue(new YamlScalarNode(bodyKey), out var body))
            {
                yield return (string.Empty, null);
                continue;
            }

            yield return (name, body as YamlMappingNode);
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text }
            && !(value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } && text is "null" or "~")
            ? text
            : null;
}
