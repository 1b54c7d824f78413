using System.Reflection;
using System.Runtime.Loader;

namespace Jobman.Cli.PluginLoading;

/// <summary>
/// The files several bundled plugins ship identically (KubernetesClient; precompiled assemblies are not shared, see
/// build/PluginLayout.targets) are packed once, in the plugin root's <c>.shared</c> folder. A plugin whose own folder
/// lacks an assembly gets it from there, loaded into the plugin's own load context: one copy on disk, still one
/// instance per plugin, so plugins stay isolated, and a plugin that ships its own copy (another version) always uses
/// that one.
/// </summary>
internal static class SharedPluginFiles
{
    /// <summary>The folder name under a plugin root; it holds no plugin, so discovery passes over it.</summary>
    public const string FolderName = ".shared";

    /// <summary>Lets <paramref name="context"/> fall back to the shared folder beside the plugin's folder, if there is one.</summary>
    /// <param name="context">The plugin's load context.</param>
    /// <param name="pluginAssemblyPath">The plugin's main assembly (<c>root/Name/Name.dll</c>).</param>
    public static void Attach(AssemblyLoadContext context, string pluginAssemblyPath)
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(pluginAssemblyPath));
        if (root is null || !Directory.Exists(Path.Combine(root, FolderName)))
        {
            return;
        }

        var shared = Path.Combine(root, FolderName);
        context.Resolving += (ctx, name) => Resolve(ctx, name, shared);
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested, string shared)
    {
        if (requested.Name is not { Length: > 0 } simpleName || simpleName.IndexOfAny(['/', '\\']) >= 0 || !string.IsNullOrEmpty(requested.CultureName))
        {
            return null;
        }

        var path = Path.Combine(shared, simpleName + ".dll");
        if (!File.Exists(path))
        {
            return null;
        }

        // Same rule as the runtime's own binder: an equal or newer version satisfies a reference, an older one does not.
        var available = AssemblyName.GetAssemblyName(path).Version;
        return requested.Version is null || (available is not null && available >= requested.Version)
            ? context.LoadFromAssemblyPath(path)
            : null;
    }
}
