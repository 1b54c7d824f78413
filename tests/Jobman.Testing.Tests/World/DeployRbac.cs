using YamlDotNet.RepresentationModel;

namespace Jobman.Testing.Tests.World;

/// <summary>The RBAC rules of the repository's <c>deploy/</c> manifests, as (verb, group, resource, namespace, name) grants.</summary>
public static class DeployRbac
{
    public sealed record Grant(string Verb, string Group, string Resource, string? Namespace, string? Name);

    /// <summary>Every verb/resource/name combination the Roles and ClusterRoles of <paramref name="file"/> allow.</summary>
    public static IReadOnlyList<Grant> Grants(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot(), "deploy", file)))
        {
            stream.Load(reader);
        }

        var grants = new List<Grant>();
        foreach (var document in stream.Documents)
        {
            var root = (YamlMappingNode)document.RootNode;
            var kind = Scalar(root, "kind");
            if (kind is not ("Role" or "ClusterRole"))
            {
                continue;
            }

            var ns = kind == "Role" ? Scalar((YamlMappingNode)root["metadata"], "namespace") : null;
            foreach (var rule in ((YamlSequenceNode)root["rules"]).Cast<YamlMappingNode>())
            {
                var names = rule.Children.ContainsKey("resourceNames") ? Strings(rule, "resourceNames") : [null];
                grants.AddRange(
                    from verb in Strings(rule, "verbs")
                    from g in Strings(rule, "apiGroups")
                    from resource in Strings(rule, "resources")
                    from name in names
                    select new Grant(verb!, g!, resource!, ns, name));
            }
        }

        return grants;
    }

    /// <summary><c>kubectl auth can-i</c> for one grant as <paramref name="context"/>: "yes" or "no".</summary>
    public static async Task<string> CanIAsync(Kubernetes.KubectlRunner kubectl, string kubeconfig, string context, Grant grant)
    {
        var resource = grant.Group.Length == 0 ? grant.Resource.Split('/')[0] : $"{grant.Resource.Split('/')[0]}.{grant.Group}";
        var args = new List<string> { "--kubeconfig", kubeconfig, "--context", context, "auth", "can-i", grant.Verb, grant.Name is null ? resource : $"{resource}/{grant.Name}" };
        if (grant.Resource.Contains('/', StringComparison.Ordinal))
        {
            args.Add("--subresource=" + grant.Resource.Split('/')[1]);
        }

        args.AddRange(grant.Namespace is null ? ["--all-namespaces"] : ["-n", grant.Namespace]);
        var result = await kubectl.RunAsync([.. args]);
        return result.Stdout.Trim();
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static List<string?> Strings(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[key]).Cast<YamlScalarNode>().Select(s => s.Value).ToList();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jobman.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Jobman.sln not found above " + AppContext.BaseDirectory);
    }
}
