namespace Jobman.Core.Registries;

/// <summary>A repository and its tags.</summary>
/// <param name="Name">The repository name users pass to <c>-i</c> (without registry host or project).</param>
/// <param name="Tags">Tag names.</param>
/// <param name="Registry">The registry that listed it (its <see cref="IImageRegistry.Name"/>).</param>
public sealed record ImageRepository(string Name, IReadOnlyList<string> Tags, string Registry)
{
    /// <summary>Short description, when the registry keeps one.</summary>
    public string? Description { get; init; }

    /// <summary>The prefix to put before the name to pull it (e.g. <c>harbor.example/project/</c>).</summary>
    public string? PullPrefix { get; init; }
}
