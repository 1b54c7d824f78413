using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;

namespace Jobman.Plugins.Harbor;

/// <summary>
/// The <c>harbor</c> settings section. <c>url</c> and <c>project</c> are the original jobman keys; the rest
/// (several projects, credentials, private CA, explicit insecure opt-in) are new.
/// </summary>
internal sealed record HarborSettings
{
    public const string SectionName = "harbor";

    /// <summary>Base URL, e.g. <c>https://harbor.example</c>.</summary>
    public string? Url { get; set; }

    /// <summary>The single project of the original settings.</summary>
    public string? Project { get; set; }

    /// <summary>Several projects, listed in this order after <see cref="Project"/>.</summary>
    public IReadOnlyList<string>? Projects { get; set; }

    /// <summary>User name or robot account name (<c>robot$project+name</c>).</summary>
    public string? Username { get; set; }

    /// <summary>Name of the environment variable holding the password or robot secret.</summary>
    public string? PasswordEnv { get; set; }

    /// <summary>JSON file <c>{"username": ..., "password": ...}</c>; should be mode 0600.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>PEM file with the CA certificate(s) that signed Harbor's certificate.</summary>
    public string? CaBundle { get; set; }

    /// <summary>Explicit opt-in to skip TLS verification (warned about on every run).</summary>
    public bool Insecure { get; set; }

    /// <summary>How long one request may take before it is abandoned.</summary>
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Reads and validates the section.</summary>
    /// <param name="settings">The merged settings.</param>
    /// <returns>The section.</returns>
    /// <exception cref="JobmanException">Missing url/project or malformed values (exit code 2).</exception>
    public static HarborSettings Read(JobmanSettings settings)
    {
        var section = settings.Section(SectionName, HarborSettingsJson.Default.HarborSettings)
            ?? throw JobmanException.Usage("Harbor is not configured: set 'harbor.url' and 'harbor.project' in settings");
        if (string.IsNullOrWhiteSpace(section.Url))
        {
            throw JobmanException.Usage("Harbor is not configured: set 'harbor.url' in settings");
        }

        if (!Uri.TryCreate(section.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw JobmanException.Usage($"settings key 'harbor.url' must be an http(s) URL such as https://harbor.example, not '{section.Url}'");
        }

        if (uri.UserInfo.Length > 0)
        {
            // Never keep secrets in a URL: it ends up in error messages.
            throw JobmanException.Usage("settings key 'harbor.url' must not contain credentials; use harbor.username with harbor.passwordEnv or harbor.credentialsFile");
        }

        if (section.TimeoutSeconds is <= 0 or > 3600)
        {
            throw JobmanException.Usage($"settings key 'harbor.timeoutSeconds' must be between 0 and 3600, not {section.TimeoutSeconds}");
        }

        if (section.AllProjects().Count == 0)
        {
            throw JobmanException.Usage("settings key 'harbor.project' (or 'harbor.projects') must name at least one Harbor project");
        }

        return section;
    }

    /// <summary>The base URL without a trailing slash.</summary>
    public string BaseUrl => Url!.TrimEnd('/');

    /// <summary>
    /// True when Basic credentials would cross the network unencrypted: plain <c>http://</c> to anything but this
    /// machine (a local Harbor or a port-forward is fine).
    /// </summary>
    public bool SendsCredentialsInClear
    {
        get
        {
            var uri = new Uri(BaseUrl);
            return uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;
        }
    }

    /// <summary><c>host[:port]</c> as used in image references.</summary>
    public string RegistryHost => new Uri(BaseUrl).Authority;

    /// <summary><see cref="Project"/> then <see cref="Projects"/>, without blanks or duplicates.</summary>
    /// <returns>The project names in order.</returns>
    public IReadOnlyList<string> AllProjects() =>
        new[] { Project }.Concat(Projects ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim())
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Resolves a path from settings: <c>~/</c> means the user's home; relative paths are taken from the current directory.</summary>
    /// <param name="path">The path as written.</param>
    /// <param name="environment">The user's environment.</param>
    /// <returns>A full path.</returns>
    public static string ResolvePath(string path, JobmanEnvironment environment) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(environment.HomeDirectory, path[2..])
            : Path.GetFullPath(path);
}
