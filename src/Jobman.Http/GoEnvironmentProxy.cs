using System.Net;

namespace Jobman.Http;

/// <summary>
/// Proxies from the environment with Go's rules (golang.org/x/net/http/httpproxy), which kubectl and helm follow:
/// <c>HTTPS_PROXY</c>/<c>https_proxy</c> for https URLs, <c>HTTP_PROXY</c>/<c>http_proxy</c> for http URLs (upper case
/// first); <c>localhost</c> and loopback addresses are never proxied; <c>NO_PROXY</c>/<c>no_proxy</c> is a comma
/// list of <c>*</c>, host names (matching the name and its subdomains; a leading dot or <c>*.</c> only subdomains),
/// IP addresses and CIDR ranges, each optionally with a port.
/// </summary>
public sealed class GoEnvironmentProxy : IWebProxy
{
    private readonly Uri? _httpsProxy;
    private readonly Uri? _httpProxy;
    private readonly IReadOnlyList<string> _noProxy;

    private GoEnvironmentProxy(Uri? httpsProxy, Uri? httpProxy, IReadOnlyList<string> noProxy)
    {
        _httpsProxy = httpsProxy;
        _httpProxy = httpProxy;
        _noProxy = noProxy;
    }

    /// <inheritdoc />
    public ICredentials? Credentials { get; set; }

    /// <summary>Reads the variables.</summary>
    /// <param name="variable">Environment lookup.</param>
    /// <returns>The proxy, or null when no proxy variable is set.</returns>
    public static GoEnvironmentProxy? FromEnvironment(Func<string, string?> variable)
    {
        string? Read(string name) => variable(name) is { Length: > 0 } upper ? upper : variable(name.ToLowerInvariant()) is { Length: > 0 } lower ? lower : null;
        var https = ParseProxy(Read("HTTPS_PROXY"));
        var http = ParseProxy(Read("HTTP_PROXY"));
        if (https is null && http is null)
        {
            return null;
        }

        var noProxy = (Read("NO_PROXY") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new GoEnvironmentProxy(https, http, noProxy);
    }

    /// <inheritdoc />
    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : destination.Scheme == Uri.UriSchemeHttps ? _httpsProxy : _httpProxy;

    /// <inheritdoc />
    public bool IsBypassed(Uri host)
    {
        var name = host.IdnHost.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        if (name == "localhost" || (IPAddress.TryParse(name, out var ip) && IPAddress.IsLoopback(ip)))
        {
            return true;
        }

        foreach (var entry in _noProxy)
        {
            if (entry == "*")
            {
                return true;
            }

            var (pattern, port) = SplitPort(entry.ToLowerInvariant());
            if (port is not null && port != host.Port)
            {
                continue;
            }

            if (pattern.Contains('/', StringComparison.Ordinal))
            {
                if (ip is not null && IPNetwork.TryParse(pattern, out var network) && network.Contains(ip))
                {
                    return true;
                }

                continue;
            }

            if (IPAddress.TryParse(pattern.Trim('[', ']'), out var entryIp))
            {
                if (ip is not null && entryIp.Equals(ip))
                {
                    return true;
                }

                continue;
            }

            var suffix = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[1..] : pattern;
            if (suffix.StartsWith('.') ? name.EndsWith(suffix, StringComparison.Ordinal) : name == suffix || name.EndsWith("." + suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Pattern, int? Port) SplitPort(string entry)
    {
        // "host:port" and "[v6]:port"; a bare IPv6 address has colons but no port.
        var colon = entry.LastIndexOf(':');
        if (colon > 0 && !IPAddress.TryParse(entry, out _) && !entry.Contains('/', StringComparison.Ordinal)
            && int.TryParse(entry[(colon + 1)..], out var port))
        {
            return (entry[..colon].Trim('[', ']'), port);
        }

        return (entry, null);
    }

    /// <summary>Go accepts a proxy without a scheme and reads it as http://.</summary>
    private static Uri? ParseProxy(string? text) =>
        text is null ? null
        : Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text, UriKind.Absolute, out var uri) ? uri
        : null;
}
