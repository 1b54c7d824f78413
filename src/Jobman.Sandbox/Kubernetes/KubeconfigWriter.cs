using System.Text;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Writes a kubeconfig like <c>kind</c>/<c>minikube</c> do: inline CA data, bearer token user, one context.</summary>
internal static class KubeconfigWriter
{
    public static string Render(Uri server, string caPem, string? token, string? ns, string contextName)
    {
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\nkind: Config\npreferences: {}\n");
        sb.Append("clusters:\n- name: ").Append(contextName).Append("\n  cluster:\n");
        sb.Append("    server: ").Append(server.ToString().TrimEnd('/')).Append('\n');
        sb.Append("    certificate-authority-data: ").Append(ca).Append('\n');
        sb.Append("users:\n- name: ").Append(contextName).Append('\n');
        if (string.IsNullOrEmpty(token))
        {
            sb.Append("  user: {}\n");
        }
        else
        {
            sb.Append("  user:\n    token: ").Append(token).Append('\n');
        }

        sb.Append("contexts:\n- name: ").Append(contextName).Append("\n  context:\n");
        sb.Append("    cluster: ").Append(contextName).Append('\n');
        sb.Append("    user: ").Append(contextName).Append('\n');
        if (!string.IsNullOrEmpty(ns))
        {
            sb.Append("    namespace: ").Append(ns).Append('\n');
        }

        sb.Append("current-context: ").Append(contextName).Append('\n');
        return sb.ToString();
    }
}
