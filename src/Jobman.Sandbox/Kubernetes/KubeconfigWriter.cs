using System.Text;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Writes a kubeconfig like <c>kind</c>/<c>minikube</c> do: inline CA data, one cluster, a bearer-token user per context.</summary>
internal static class KubeconfigWriter
{
    public static string Render(Uri server, string caPem, string? token, string? ns, string contextName) =>
        Render(server, caPem, contextName, [new KubeconfigContext(contextName, token, ns)]);

    /// <summary>The first context is the current one.</summary>
    public static string Render(Uri server, string caPem, string clusterName, IReadOnlyList<KubeconfigContext> contexts)
    {
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\nkind: Config\npreferences: {}\n");
        sb.Append("clusters:\n- name: ").Append(clusterName).Append("\n  cluster:\n");
        sb.Append("    server: ").Append(server.ToString().TrimEnd('/')).Append('\n');
        sb.Append("    certificate-authority-data: ").Append(ca).Append('\n');
        sb.Append("users:\n");
        foreach (var context in contexts)
        {
            sb.Append("- name: ").Append(context.Name).Append('\n');
            if (string.IsNullOrEmpty(context.Token))
            {
                sb.Append("  user: {}\n");
            }
            else
            {
                sb.Append("  user:\n    token: ").Append(context.Token).Append('\n');
            }
        }

        sb.Append("contexts:\n");
        foreach (var context in contexts)
        {
            sb.Append("- name: ").Append(context.Name).Append("\n  context:\n");
            sb.Append("    cluster: ").Append(clusterName).Append('\n');
            sb.Append("    user: ").Append(context.Name).Append('\n');
            if (!string.IsNullOrEmpty(context.Namespace))
            {
                sb.Append("    namespace: ").Append(context.Namespace).Append('\n');
            }
        }

        sb.Append("current-context: ").Append(contexts[0].Name).Append('\n');
        return sb.ToString();
    }
}
