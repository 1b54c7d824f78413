namespace Jobman.Sandbox.Harbor;

/// <summary>A repository of the double (<see cref="Name"/> is without the project).</summary>
public sealed class HarborRepository
{
    internal HarborRepository(long id, HarborProject project, string name, string? escapedDescription, DateTimeOffset created)
    {
        Id = id;
        Project = project;
        Name = name;
        EscapedDescription = escapedDescription;
        CreationTime = created;
        UpdateTime = created;
    }

    public long Id { get; }

    public HarborProject Project { get; }

    /// <summary>Name without the project, e.g. <c>team/trainer</c>.</summary>
    public string Name { get; }

    /// <summary>Full name as Harbor returns it, e.g. <c>ml/team/trainer</c>.</summary>
    public string FullName => Project.Name + "/" + Name;

    /// <summary>The description as Harbor stores it (HTML-escaped).</summary>
    public string? EscapedDescription { get; }

    public DateTimeOffset CreationTime { get; }

    public DateTimeOffset UpdateTime { get; internal set; }

    public long PullCount { get; internal set; }

    public List<HarborArtifact> Artifacts { get; } = [];
}
