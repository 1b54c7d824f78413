namespace Jobman.Plugins.KubernetesJobs.Cluster;

/// <summary>A whole list and the resourceVersion it was read at (what a watch for later changes starts from).</summary>
internal sealed record Listed<T>(List<T> Items, string? ResourceVersion);
