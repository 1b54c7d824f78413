namespace Jobman.Plugins.History.Journal;

/// <summary>Times are stored as Unix milliseconds (UTC): compact, indexable and compared as numbers.</summary>
internal static class UnixMilliseconds
{
    public static object From(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    public static DateTimeOffset? Read(object value) =>
        value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
