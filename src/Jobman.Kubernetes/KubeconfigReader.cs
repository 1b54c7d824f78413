using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Files;
using Jobman.Kubernetes.Kubeconfig;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Jobman.Kubernetes;

/// <summary>
/// Reads a kubeconfig file from YamlDotNet's node tree (a few milliseconds; KubernetesClient's object deserializer
/// costs ~150 ms per run and knows neither <c>tokenFile</c>, <c>proxy-url</c> nor <c>interactiveMode</c>). Every
/// relative path (CA, token file, client certificate and key, an exec command containing a slash) is resolved
/// here against the folder of the file that holds it, as client-go does, so merged files keep their own folders.
/// </summary>
public static class KubeconfigReader
{
    private static int _warmUpStarted;

    /// <summary>
    /// Parses a small kubeconfig-shaped document on another core, once per process, so that the first real read
    /// meets YamlDotNet's parser warm (~13 ms of a cold process otherwise on the critical path; bench/RESULTS.md,
    /// issue 14). Does nothing on a single core. Never throws, never waits.
    /// </summary>
    public static void WarmUp()
    {
        if (Environment.ProcessorCount < 2 || Interlocked.Exchange(ref _warmUpStarted, 1) == 1)
        {
            return;
        }

        _ = Task.Run(static () =>
        {
            try
            {
                new YamlStream().Load(new StringReader("clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: t\n    exec:\n      args: [\"a\"]\n"));
            }
            catch (YamlException)
            {
                // Only a warm-up.
            }
        });
    }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">The kubeconfig file.</param>
    /// <returns>Its entries.</returns>
    /// <exception cref="JobmanException">Unreadable or malformed (exit code 2), naming the file and line.</exception>
    public static KubeconfigSet Load(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!File.Exists(full))
        {
            throw JobmanException.Usage($"kubeconfig '{path}' does not exist");
        }

        // Regular files of at most 4 MiB only: /dev/zero or a FIFO would never end the read.
        var text = InputFiles.ReadText(full, "kubeconfig");
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw JobmanException.Usage($"kubeconfig '{path}' is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "null" or "~" })
        {
            // kubectl treats an empty file as an empty config.
            return new KubeconfigSet(null, new Dictionary<string, KubeCluster>(), new Dictionary<string, KubeUser>(), new Dictionary<string, KubeContext>(), full);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw JobmanException.Usage($"kubeconfig '{path}' is not a kubeconfig (expected a mapping with clusters, contexts and users)");
        }

        var clusters = new Dictionary<string, KubeCluster>(StringComparer.Ordinal);
        foreach (var (name, body) in NamedEntries(root, "clusters", "cluster", path))
        {
            clusters.TryAdd(name, new KubeCluster(
                name,
                Scalar(body, "server"),
                PathOf(body, "certificate-authority", folder),
                Scalar(body, "certificate-authority-data"),
                IsTrue(body, "insecure-skip-tls-verify"),
                Scalar(body, "tls-server-name"),
                Scalar(body, "proxy-url"),
                ExecExtension(body)));
        }

        var users = new Dictionary<string, KubeUser>(StringComparer.Ordinal);
        foreach (var (name, body) in NamedEntries(root, "users", "user", path))
        {
            var unsupported = new[] { "auth-provider", "as", "as-uid", "as-groups", "as-user-extra" }
                .Where(k => body.Children.ContainsKey(new YamlScalarNode(k))).ToList();
            users.TryAdd(name, new KubeUser(
                name,
                Scalar(body, "token"),
                PathOf(body, "tokenFile", folder),
                PathOf(body, "client-certificate", folder),
                Scalar(body, "client-certificate-data"),
                PathOf(body, "client-key", folder),
                Scalar(body, "client-key-data"),
                Scalar(body, "username"),
                Scalar(body, "password"),
                body.Children.TryGetValue(new YamlScalarNode("exec"), out var exec) && exec is YamlMappingNode execBody ? Exec(execBody, folder, name, path) : null,
                unsupported));
        }

        var contexts = new Dictionary<string, KubeContext>(StringComparer.Ordinal);
        foreach (var (name, body) in NamedEntries(root, "contexts", "context", path))
        {
            contexts.TryAdd(name, new KubeContext(name, Scalar(body, "cluster"), Scalar(body, "user"), Scalar(body, "namespace")));
        }

        return new KubeconfigSet(Scalar(root, "current-context"), clusters, users, contexts, full);
    }

    private static ExecConfig Exec(YamlMappingNode body, string folder, string user, string path)
    {
        var command = Scalar(body, "command") ?? throw JobmanException.Usage($"kubeconfig '{path}': user '{user}' has an exec plugin without a command");
        var apiVersion = Scalar(body, "apiVersion") ?? throw JobmanException.Usage($"kubeconfig '{path}': the exec plugin of user '{user}' has no apiVersion");

        // client-go: a command with a path separator is relative to the kubeconfig's folder; a bare name is looked up on PATH.
        if (!Path.IsPathRooted(command) && command.Contains('/', StringComparison.Ordinal))
        {
            command = Path.GetFullPath(Path.Combine(folder, command));
        }

        var args = body.Children.TryGetValue(new YamlScalarNode("args"), out var a) && a is YamlSequenceNode list
            ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList()
            : [];
        var env = new List<KeyValuePair<string, string>>();
        if (body.Children.TryGetValue(new YamlScalarNode("env"), out var e) && e is YamlSequenceNode envList)
        {
            foreach (var item in envList.Children.OfType<YamlMappingNode>())
            {
                var name = Scalar(item, "name") ?? throw JobmanException.Usage($"kubeconfig '{path}': an env entry of the exec plugin of user '{user}' has no name");
                env.Add(new(name, Scalar(item, "value") ?? string.Empty));
            }
        }

        return new ExecConfig(apiVersion, command, args, env, Scalar(body, "installHint"), IsTrue(body, "provideClusterInfo"), Scalar(body, "interactiveMode"));
    }

    private static JsonNode? ExecExtension(YamlMappingNode cluster)
    {
        if (!cluster.Children.TryGetValue(new YamlScalarNode("extensions"), out var node) || node is not YamlSequenceNode list)
        {
            return null;
        }

        var entry = list.Children.OfType<YamlMappingNode>().FirstOrDefault(m => Scalar(m, "name") == "client.authentication.k8s.io/exec");
        return entry is not null && entry.Children.TryGetValue(new YamlScalarNode("extension"), out var value) ? ToJson(value) : null;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? string.Empty, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Value: var v } => JsonValue.Create(v),
        _ => null,
    };

    private static IEnumerable<(string Name, YamlMappingNode Body)> NamedEntries(YamlMappingNode root, string listKey, string bodyKey, string path)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(listKey), out var node) || node is YamlScalarNode { Value: null or "" or "null" or "~" })
        {
            yield break;
        }

        if (node is not YamlSequenceNode list)
        {
            throw JobmanException.Usage($"kubeconfig '{path}' (line {node.Start.Line}): '{listKey}' must be a list");
        }

        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode entry || Scalar(entry, "name") is not { } name)
            {
                throw JobmanException.Usage($"kubeconfig '{path}' (line {item.Start.Line}): every entry of '{listKey}' needs a name");
            }

            yield return (name, entry.Children.TryGetValue(new YamlScalarNode(bodyKey), out var body) && body is YamlMappingNode mapping ? mapping : new YamlMappingNode());
        }
    }

    private static string? PathOf(YamlMappingNode node, string key, string folder) =>
        Scalar(node, key) is { } value ? Path.GetFullPath(Path.Combine(folder, value)) : null;

    private static bool IsTrue(YamlMappingNode node, string key) => string.Equals(Scalar(node, key), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text }
            && !(value is YamlScalarNode { Style: ScalarStyle.Plain } && text is "null" or "~")
            ? text
            : null;
}
