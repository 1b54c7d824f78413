namespace Jobman.Sandbox.Harbor;

/// <summary>An artifact (image manifest) with its tags.</summary>
public sealed class HarborArtifact
{
    internal HarborArtifact(long id, string digest, long size, DateTimeOffset pushed)
    {
        Id = id;
        Digest = digest;
        Size = size;
        PushTime = pushed;
    }

    public long Id { get; }

    public string Digest { get; }

    public long Size { get; }

    public DateTimeOffset PushTime { get; }

    public List<HarborTag> Tags { get; } = [];
}
