namespace Jobman.Cli.PluginLoading;

/// <summary>A plugin assembly found on disk: <c>&lt;root&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c>.</summary>
/// <param name="Name">The folder and assembly name.</param>
/// <param name="AssemblyPath">The full path of the assembly.</param>
/// <param name="Origin">Which search root it came from (bundled, JOBMAN_PLUGINS_PATH, ~/.jobman/plugins).</param>
public sealed record PluginCandidate(string Name, string AssemblyPath, string Origin);
