namespace Jobman.Kubernetes.Kubeconfig;

/// <summary>A <c>contexts[].context</c> entry.</summary>
/// <param name="Name">Entry name.</param>
/// <param name="Cluster">Cluster entry name.</param>
/// <param name="User">User entry name.</param>
/// <param name="Namespace">Default namespace.</param>
public sealed record KubeContext(string Name, string? Cluster, string? User, string? Namespace);
