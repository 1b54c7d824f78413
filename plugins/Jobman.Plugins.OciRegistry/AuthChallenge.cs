using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Jobman.Plugins.OciRegistry;

/// <summary>A parsed <c>WWW-Authenticate</c> challenge, e.g. <c>Bearer realm="...",service="...",scope="..."</c>.</summary>
internal sealed partial record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Parameter(string name) => Parameters.GetValueOrDefault(name);

    public static AuthChallenge? From(HttpResponseHeaders headers)
    {
        var header = headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            ?? headers.WwwAuthenticate.FirstOrDefault();
        return header is null ? null : Parse(header);
    }

    public static AuthChallenge Parse(AuthenticationHeaderValue header)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in ParameterPattern().Matches(header.Parameter ?? string.Empty))
        {
            var value = match.Groups["quoted"].Success ? match.Groups["quoted"].Value.Replace("\\\"", "\"", StringComparison.Ordinal) : match.Groups["token"].Value;
            parameters[match.Groups["name"].Value] = value;
        }

        return new AuthChallenge(header.Scheme, parameters);
    }

    [GeneratedRegex("""(?<name>[A-Za-z0-9_-]+)\s*=\s*(?:"(?<quoted>(?:[^"\\]|\\.)*)"|(?<token>[^,\s]*))""")]
    private static partial Regex ParameterPattern();
}
