using System.Reflection;
using System.Runtime.InteropServices;

namespace Jobman.Plugins.Sandbox;

/// <summary>How to start .NET programs shipped with jobman: the sandbox server, and jobman itself (the queue publisher).</summary>
internal static class DotnetHost
{
    /// <summary>The dotnet host running jobman itself (a global tool's own executable is an app host, not dotnet).</summary>
    public static string Executable()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(candidate) ? candidate : "dotnet";
    }

    /// <summary>The program and first arguments that run this jobman again (<c>dotnet exec jobman.dll</c>).</summary>
    public static (string Program, string[] Arguments) Jobman()
    {
        var entry = Assembly.GetEntryAssembly()?.Location;
        if (string.IsNullOrEmpty(entry))
        {
            throw new Core.JobmanException("cannot find jobman's own assembly to run the queue publisher");
        }

        return (Executable(), ["exec", entry]);
    }
}
