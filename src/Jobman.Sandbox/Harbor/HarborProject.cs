namespace Jobman.Sandbox.Harbor;

/// <summary>A project of the double.</summary>
public sealed class HarborProject
{
    internal HarborProject(long id, string name, bool isPublic, DateTimeOffset created)
    {
        Id = id;
        Name = name;
        IsPublic = isPublic;
        CreationTime = created;
    }

    public long Id { get; }

    public string Name { get; }

    public bool IsPublic { get; }

    public DateTimeOffset CreationTime { get; }

    internal List<HarborRepository> Repositories { get; } = [];
}
