using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Jobman.Sandbox.Harbor;

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
