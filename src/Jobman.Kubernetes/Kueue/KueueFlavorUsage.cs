namespace Jobman.Kubernetes.Kueue;

/// <summary>One (flavor, resource) entry of a queue: quota where the ClusterQueue says it, what is in use.</summary>
public sealed record KueueFlavorUsage(string Flavor, string Resource, string? Quota, string Used);
