namespace Jobman.Kubernetes.Lists;

/// <summary>A whole list and the resourceVersion it was read at (what a watch for later changes starts from).</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">Every item of every page.</param>
/// <param name="ResourceVersion">The snapshot the list was read at.</param>
public sealed record Listed<T>(List<T> Items, string? ResourceVersion);
