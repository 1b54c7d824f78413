using Jobman.Core.Hosting;

namespace Jobman.Plugins.OciRegistry;

/// <summary>Expands <c>~/</c> against the user's home (as given by the host) in settings paths.</summary>
internal static class PathResolver
{
    public static string Resolve(string configured, JobmanEnvironment environment)
    {
        if (configured == "~")
        {
            return environment.HomeDirectory;
        }

        if (configured.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(environment.HomeDirectory, configured[2..]);
        }

        return Path.GetFullPath(configured);
    }
}
