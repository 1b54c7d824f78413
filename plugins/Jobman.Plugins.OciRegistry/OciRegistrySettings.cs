using Jobman.Core;

namespace Jobman.Plugins.OciRegistry;

/// <summary>The <c>ociRegistry</c> settings section.</summary>
internal sealed record OciRegistrySettings
{
    public const string SectionName = "ociRegistry";

    /// <summary>Base URL, e.g. <c>https://registry.example:5000</c> (https assumed when no scheme is given).</summary>
    public string? Url { get; set; }

    /// <summary>Only repositories starting with one of these prefixes are listed (null: all).</summary>
    public IReadOnlyList<string>? Repositories { get; set; }

    public string? Username { get; set; }

    /// <summary>Name of the environment variable holding the password.</summary>
    public string? PasswordEnv { get; set; }

    /// <summary>JSON file <c>{"username": "...", "password": "..."}</c>, expected to be mode 0600.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>PEM file with the CA certificate(s) that sign the registry's TLS certificate.</summary>
    public string? CaBundle { get; set; }

    /// <summary>Explicit opt-out of TLS certificate verification.</summary>
    public bool Insecure { get; set; }

    /// <summary>What to put before a repository name to pull it (default <c>host[:port]/</c>).</summary>
    public string? PullPrefix { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The registry root (scheme, host, port) the <c>/v2/</c> API lives under.</summary>
    /// <exception cref="JobmanException">When the URL is not an http(s) URL (exit code 2).</exception>
    public Uri BaseUri()
    {
        var text = Url!.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw JobmanException.Usage($"settings key '{SectionName}.url' is not an http(s) URL");
        }

        if (uri.UserInfo.Length > 0)
        {
            // Never echo it: the user info is a password more often than not.
            throw JobmanException.Usage($"settings key '{SectionName}.url' must not contain credentials: use '{SectionName}.username' and {RegistryCredentials.PasswordVariable}");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    public string EffectivePullPrefix(Uri baseUri) => PullPrefix ?? baseUri.Authority + "/";
}
