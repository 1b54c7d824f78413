using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Registries;

namespace Jobman.Plugins.Harbor;

/// <summary>
/// HTTP Basic credentials for Harbor (user or robot account). Resolution order: <c>harbor.credentialsFile</c>,
/// then <c>harbor.username</c> + the variable named by <c>harbor.passwordEnv</c>, then the default variables
/// <c>JOBMAN_HARBOR_USERNAME</c>/<c>JOBMAN_HARBOR_PASSWORD</c>; none of them means anonymous.
/// </summary>
internal sealed class HarborCredentials
{
    public const string UsernameVariable = "JOBMAN_HARBOR_USERNAME";
    public const string PasswordVariable = "JOBMAN_HARBOR_PASSWORD";

    private HarborCredentials(string username, string password, string source)
    {
        Username = username;
        Password = password;
        Source = source;
    }

    public string Username { get; }

    public string Password { get; }

    /// <summary>Where the credentials came from (for messages; never the values themselves).</summary>
    public string Source { get; }

    /// <summary>Never print the secret, whatever formats this object.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => $"credentials from {Source}";

    /// <summary>Finds the credentials to use, or null for anonymous access.</summary>
    /// <param name="settings">The harbor settings.</param>
    /// <param name="environment">Environment variables, home directory and the warning sink.</param>
    /// <returns>The credentials or null.</returns>
    /// <exception cref="JobmanException">A configured source is missing or malformed (exit code 2).</exception>
    public static HarborCredentials? Resolve(HarborSettings settings, JobmanEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(settings.CredentialsFile))
        {
            return FromFile(HarborSettings.ResolvePath(settings.CredentialsFile, environment), environment);
        }

        if (!string.IsNullOrWhiteSpace(settings.PasswordEnv))
        {
            var password = environment.GetVariable(settings.PasswordEnv);
            if (string.IsNullOrEmpty(password))
            {
                throw JobmanException.Usage($"settings key 'harbor.passwordEnv' names the environment variable {settings.PasswordEnv}, which is not set");
            }

            var username = settings.Username ?? environment.GetVariable(UsernameVariable);
            return string.IsNullOrEmpty(username)
                ? throw JobmanException.Usage($"settings key 'harbor.passwordEnv' is set but no user name is: set 'harbor.username' or {UsernameVariable}")
                : new HarborCredentials(username, password, $"harbor.username and ${settings.PasswordEnv}");
        }

        var defaultPassword = environment.GetVariable(PasswordVariable);
        if (!string.IsNullOrEmpty(defaultPassword))
        {
            var username = settings.Username ?? environment.GetVariable(UsernameVariable);
            return string.IsNullOrEmpty(username)
                ? throw JobmanException.Usage($"{PasswordVariable} is set but no user name is: set {UsernameVariable} or 'harbor.username'")
                : new HarborCredentials(username, defaultPassword, $"${PasswordVariable}");
        }

        return null;
    }

    private static HarborCredentials FromFile(string path, JobmanEnvironment environment)
    {
        var (username, password) = CredentialsFile.Read(path, "harbor.credentialsFile", environment);
        return username is null || password is null
            ? throw JobmanException.Usage($"credentials file '{path}' (harbor.credentialsFile) must have non-empty \"username\" and \"password\" strings")
            : new HarborCredentials(username, password, $"file {path}");
    }
}
