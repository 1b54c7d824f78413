using System.Reflection;
using System.Runtime.Loader;

namespace Jobman.Cli.PluginLoading;

/// <summary>
/// The load context of one plugin: its own dependencies come from its folder as its <c>.deps.json</c> lists them
/// (the runtime's <see cref="AssemblyDependencyResolver"/>, which reads it natively), the contract assemblies from
/// the host so that types like <c>ICommand</c> are the host's, and anything else (the framework) from the default
/// context. Replaces McMaster.NETCore.Plugins, whose managed deps.json parsing cost about 30 ms of startup.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly IReadOnlySet<string> _shared;

    public PluginLoadContext(string mainAssemblyPath, IReadOnlySet<string> sharedAssemblyNames)
        : base(Path.GetFileNameWithoutExtension(mainAssemblyPath))
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        _shared = sharedAssemblyNames;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null || _shared.Contains(assemblyName.Name))
        {
            return null;
        }

        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
