namespace Jobman.Cli.Tests;

/// <summary>Builds plugin search roots in temp folders from the real test plugin builds.</summary>
public sealed class PluginFolders : IDisposable
{
    private readonly List<string> _roots = [];

    public static string Built(string name) => Path.Combine(AppContext.BaseDirectory, "testplugins", name);

    /// <summary>Creates a root holding copies of the named test plugins.</summary>
    public string Root(params string[] plugins)
    {
        var root = Directory.CreateTempSubdirectory("jobman-plugins-").FullName;
        _roots.Add(root);
        foreach (var plugin in plugins)
        {
            CopyPlugin(plugin, Path.Combine(root, plugin));
        }

        return root;
    }

    public static void CopyPlugin(string plugin, string destination)
    {
        var source = Built(plugin);
        Directory.Exists(source).Should().BeTrue($"test plugin {plugin} must be built into {source}");
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
        }
    }

    public void Dispose()
    {
        foreach (var root in _roots)
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
