using Jobman.Core.Plugins;

namespace Jobman.Cli.PluginLoading;

/// <summary>A plugin that loaded and registered its services.</summary>
/// <param name="Candidate">Where it was found.</param>
/// <param name="Version">Its informational version.</param>
/// <param name="Assembly">The loaded assembly.</param>
/// <param name="Entry">Its entry object.</param>
public sealed record LoadedPlugin(PluginCandidate Candidate, string Version, System.Reflection.Assembly Assembly, IJobmanPlugin Entry)
{
    /// <summary>The commands this plugin contributes, filled in after the container is built.</summary>
    public List<string> Commands { get; } = [];
}
