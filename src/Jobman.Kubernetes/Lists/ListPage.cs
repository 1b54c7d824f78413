namespace Jobman.Kubernetes.Lists;

/// <summary>What the pager needs from one page of a list, whatever type it was decoded into.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The page's items.</param>
/// <param name="Continue">The continue token; null or empty on the last page.</param>
/// <param name="ResourceVersion">The list's resourceVersion.</param>
public readonly record struct ListPage<T>(IEnumerable<T>? Items, string? Continue, string? ResourceVersion);
