using Jobman.Kubernetes.Kubeconfig;

namespace Jobman.Kubernetes;

/// <summary>The cluster, user and namespace a command talks to, as chosen from the kubeconfig and flags.</summary>
/// <param name="Cluster">The cluster entry.</param>
/// <param name="User">The user entry.</param>
/// <param name="Namespace">The namespace.</param>
/// <param name="Origin">Where it came from (for messages).</param>
public sealed record ClusterTarget(KubeCluster Cluster, KubeUser User, string Namespace, string Origin);
