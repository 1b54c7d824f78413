namespace Jobman.Kubernetes;

/// <summary>Placeholder: kubeconfig loading and error mapping shared by the Kubernetes plugins.</summary>
public static class KubernetesAccess
{
}
