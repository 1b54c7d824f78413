using System.Text;
using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Registries;

namespace Jobman.Plugins.OciRegistry;

/// <summary>A user name and password for basic auth and token requests. Never printed (no ToString of the password).</summary>
internal sealed class RegistryCredentials(string username, string password)
{
    public const string UsernameVariable = "JOBMAN_OCI_USERNAME";
    public const string PasswordVariable = "JOBMAN_OCI_PASSWORD";

    public string Username { get; } = username;

    public string BasicHeaderValue { get; } = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));

    public override string ToString() => $"{Username}:***";

    /// <summary>
    /// Resolves the credentials: environment variables first, then the credentials file, then
    /// <c>username</c> + the variable named by <c>passwordEnv</c>. Null when none are configured (anonymous).
    /// </summary>
    /// <exception cref="JobmanException">Half-configured credentials or an unreadable credentials file (exit code 2).</exception>
    public static RegistryCredentials? Resolve(OciRegistrySettings settings, JobmanEnvironment environment)
    {
        var (fileUser, filePassword) = settings.CredentialsFile is { Length: > 0 } file ? ReadFile(file, environment) : (null, null);
        var username = NonEmpty(environment.GetVariable(UsernameVariable)) ?? fileUser ?? NonEmpty(settings.Username);
        var password = NonEmpty(environment.GetVariable(PasswordVariable)) ?? filePassword;
        if (password is null && settings.PasswordEnv is { Length: > 0 } passwordEnv)
        {
            password = NonEmpty(environment.GetVariable(passwordEnv))
                ?? throw JobmanException.Usage($"environment variable '{passwordEnv}' (named by '{OciRegistrySettings.SectionName}.passwordEnv') is not set");
        }

        return (username, password) switch
        {
            (null, null) => null,
            (null, _) => throw JobmanException.Usage($"a registry password is set but no user name: set '{OciRegistrySettings.SectionName}.username' or {UsernameVariable}"),
            (_, null) => throw JobmanException.Usage($"registry user '{username}' has no password: set {PasswordVariable}, '{OciRegistrySettings.SectionName}.passwordEnv' or '{OciRegistrySettings.SectionName}.credentialsFile'"),
            _ => new RegistryCredentials(username, password),
        };
    }

    private static (string? User, string? Password) ReadFile(string configured, JobmanEnvironment environment) =>
        CredentialsFile.Read(PathResolver.Resolve(configured, environment), $"{OciRegistrySettings.SectionName}.credentialsFile", environment);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
