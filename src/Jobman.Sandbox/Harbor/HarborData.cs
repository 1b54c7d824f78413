using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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

/// <summary>A tag of an artifact.</summary>
/// <param name="Id">Tag id.</param>
/// <param name="Name">Tag name.</param>
/// <param name="PushTime">When it was pushed.</param>
public sealed record HarborTag(long Id, string Name, DateTimeOffset PushTime);

/// <summary>A user or robot account: name, password/secret, member projects, admin flag.</summary>
/// <param name="Name">Login name (robots: <c>robot$project+name</c>).</param>
/// <param name="Password">Password or robot secret.</param>
/// <param name="Projects">Projects the account is a member of.</param>
/// <param name="IsAdmin">System admin (sees everything; gets 404 for missing projects).</param>
public sealed record HarborUser(string Name, string Password, IReadOnlySet<string> Projects, bool IsAdmin);

/// <summary>One request the double received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Target">Raw path and query as sent (still encoded).</param>
/// <param name="HadAuthorization">An Authorization header was present.</param>
/// <param name="User">The authenticated user, or null for anonymous (bad credentials count as anonymous).</param>
/// <param name="ReceivedAt">When it arrived.</param>
public sealed record HarborRequest(string Method, string Target, bool HadAuthorization, string? User, DateTimeOffset ReceivedAt)
{
    /// <summary>The path part of <see cref="Target"/>.</summary>
    public string Path => Target.Split('?')[0];
}

/// <summary>Deterministic fake content: digests, sizes, times derived from names.</summary>
internal static class HarborFakes
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public static string Digest(string seed) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    public static long Size(string seed) => 5_000_000 + (BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(seed)), 0) % 900_000_000);

    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Go's <c>template.HTMLEscapeString</c>, which Harbor applies to descriptions.</summary>
    public static string HtmlEscape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&#34;", StringComparison.Ordinal)
        .Replace("\0", "\uFFFD", StringComparison.Ordinal);
}
