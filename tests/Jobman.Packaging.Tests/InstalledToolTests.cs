using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Jobman.Packaging.Tests;

/// <summary>
/// The packed tool as users get it: `dotnet pack`, `dotnet tool install --tool-path`, then the installed `jobman`
/// with its bundled plugins, and a third-party plugin built against the installed Jobman.Core.
/// </summary>
[NonParallelizable]
public class InstalledToolTests
{
    private static readonly string[] BundledPlugins =
        ["Jobman.Plugins.Harbor", "Jobman.Plugins.OciRegistry", "Jobman.Plugins.KubernetesJobs", "Jobman.Plugins.KubernetesQueue", "Jobman.Plugins.Sandbox"];

    // `dotnet pack` (the README's set-up, Directory.Build.props) precompiles for this machine's RID only; the release
    // pack (-p:JobmanRelease=true, all release RIDs plus `any`) is too slow for the tests and is not packed here.
    private static readonly string MachineRid = RuntimeInformation.RuntimeIdentifier;

    private InstalledTool _tool = null!;

    [OneTimeSetUp]
    public async Task Install() => _tool = await InstalledTool.GetAsync();

    [Test]
    public void Top_level_package_points_to_the_precompiled_package_of_this_machine_only()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_tool.Feed, $"jobman.{_tool.Version}.nupkg"));
        zip.Entries.Should().NotContain(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal), "the implementation is in the RID packages");
        using var settings = zip.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open();
        var packages = XDocument.Load(settings).Descendants("RuntimeIdentifierPackage")
            .ToDictionary(p => p.Attribute("RuntimeIdentifier")!.Value, p => p.Attribute("Id")!.Value);

        packages.Keys.Should().BeEquivalentTo([MachineRid]);
        foreach (var (rid, id) in packages)
        {
            id.Should().Be($"jobman.{rid}");
            File.Exists(Path.Combine(_tool.Feed, $"jobman.{rid}.{_tool.Version}.nupkg")).Should().BeTrue();
        }
    }

    [Test]
    public void Rid_package_contains_each_bundled_plugin_in_its_own_folder_without_a_core_copy()
    {
        var rid = MachineRid;
        using var zip = ZipFile.OpenRead(Path.Combine(_tool.Feed, $"jobman.{rid}.{_tool.Version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToList();

        foreach (var plugin in BundledPlugins)
        {
            entries.Should().Contain($"tools/net10.0/{rid}/plugins/{plugin}/{plugin}.dll");
            entries.Should().Contain($"tools/net10.0/{rid}/plugins/{plugin}/{plugin}.deps.json");
        }

        entries.Should().Contain($"tools/net10.0/{rid}/plugins/Jobman.Plugins.Sandbox/server/Jobman.Sandbox.Server.dll");
        // The sandbox's server/ is a program of its own (its own process) and keeps its copy; plugin folders share the host's.
        entries.Where(e => e.Contains("/plugins/", StringComparison.Ordinal) && !e.Contains("/server/", StringComparison.Ordinal) && e.EndsWith("Jobman.Core.dll", StringComparison.Ordinal)).Should().BeEmpty();
        entries.Should().Contain($"tools/net10.0/{rid}/settings.template.json");
    }

    [Test]
    public void Files_the_plugins_have_in_common_are_packed_once_in_the_shared_folder()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_tool.Feed, $"jobman.{MachineRid}.{_tool.Version}.nupkg"));
        var plugins = $"tools/net10.0/{MachineRid}/plugins/";
        var entries = zip.Entries.Select(e => e.FullName).Where(e => e.StartsWith(plugins, StringComparison.Ordinal)).Select(e => e[plugins.Length..]).ToList();
        var shared = entries.Where(e => e.StartsWith(".shared/", StringComparison.Ordinal)).Select(e => e[".shared/".Length..]).ToList();

        shared.Should().Contain("KubernetesClient.dll");
        entries.Where(e => e.EndsWith("/KubernetesClient.dll", StringComparison.Ordinal) || e == "KubernetesClient.dll").Should().Equal(".shared/KubernetesClient.dll");

        // A precompiled image runs precompiled only in the first load context that loads its file: each plugin has its own.
        foreach (var name in shared.Where(n => n.EndsWith(".dll", StringComparison.Ordinal)))
        {
            IsReadyToRun(zip.GetEntry($"{plugins}.shared/{name}")!).Should().BeFalse(name);
        }

        entries.Should().Contain(["Jobman.Plugins.KubernetesJobs/Jobman.Kubernetes.dll", "Jobman.Plugins.KubernetesQueue/Jobman.Kubernetes.dll"]);
        // A plugin folder never also holds a file that is shared (its own copy would be another build, used instead).
        entries.Where(e => !e.StartsWith(".shared/", StringComparison.Ordinal) && e.Count(c => c == '/') == 1)
            .Select(e => e[(e.IndexOf('/', StringComparison.Ordinal) + 1)..]).Should().NotIntersectWith(shared);
    }

    [Test]
    public void Installed_tool_takes_at_most_45_megabytes()
    {
        // What `dotnet tool install` leaves on disk: the extracted files and NuGet's copies of the packages.
        var bytes = new DirectoryInfo(_tool.ToolPath).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

        (bytes / 1024.0 / 1024.0).Should().BeLessThanOrEqualTo(45, "issue 14's size target");
    }

    [Test]
    public void Our_assemblies_are_precompiled_and_kubernetes_client_ships_as_il()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_tool.Feed, $"jobman.{MachineRid}.{_tool.Version}.nupkg"));
        var root = $"tools/net10.0/{MachineRid}/";

        foreach (var assembly in new[] { "jobman.dll", "McMaster.NETCore.Plugins.dll", "plugins/Jobman.Plugins.KubernetesJobs/Jobman.Plugins.KubernetesJobs.dll",
                     "plugins/Jobman.Plugins.KubernetesJobs/Jobman.Kubernetes.dll", "plugins/Jobman.Plugins.KubernetesQueue/Jobman.Plugins.KubernetesQueue.dll" })
        {
            IsReadyToRun(zip.GetEntry(root + assembly)!).Should().BeTrue(assembly);
        }

        // 27 MB precompiled against 12 MB of IL, for the few methods a command runs.
        IsReadyToRun(zip.GetEntry($"{root}plugins/.shared/KubernetesClient.dll")!).Should().BeFalse();
    }

    [Test]
    public async Task Bundled_plugins_run_their_own_code_precompiled()
    {
        // A plugin takes Jobman.Core from the host, so Core was not among the files crossgen2 saw, and it silently
        // left out every method touching a Core type: command constructors, ExecuteAsync, kubeconfig reading... were
        // JIT-compiled on every run. The runtime's own JIT log shows what was compiled at run time instead.
        var home = Path.Combine(_tool.Work, "home-jit-" + Guid.NewGuid().ToString("N"));
        var jitLog = Path.Combine(_tool.Work, $"jit-{Guid.NewGuid():N}.txt");
        var result = await _tool.RunWithAsync(
            home,
            new Dictionary<string, string> { ["DOTNET_JitStdOutFile"] = jitLog, ["DOTNET_JitDisasmSummary"] = "1" },
            "list", "--kubeconfig", Path.Combine(_tool.Work, "no-such-kubeconfig"));

        result.ExitCode.Should().Be(2, result.Stderr);
        result.Stderr.Should().Contain("does not exist");
        var compiled = File.ReadAllLines(jitLog).Where(l => l.Contains("JIT compiled ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("JIT compiled ", StringComparison.Ordinal) + "JIT compiled ".Length)..].Split(" [")[0])
            .ToList();
        compiled.Should().NotBeEmpty("the runtime always compiles a few stubs: an empty log means it wrote nothing");

        // Generic instantiations over value types cannot be precompiled outside their version bubble; all else can.
        compiled.Where(m => m.StartsWith("Jobman.", StringComparison.Ordinal) && !m.Split('(')[0].Contains('['))
            .Should().BeEmpty("jobman's own non-generic methods ship precompiled (ReadyToRun)");
    }

    [Test]
    public void Installed_tool_is_the_precompiled_package_of_this_machine()
    {
        var jobmanDll = Directory.GetFiles(_tool.ToolPath, "jobman.dll", SearchOption.AllDirectories).Single();
        var jobsPlugin = Path.Combine(Path.GetDirectoryName(jobmanDll)!, "plugins", "Jobman.Plugins.KubernetesJobs", "Jobman.Plugins.KubernetesJobs.dll");

        jobmanDll.Should().Contain($"{Path.DirectorySeparatorChar}jobman.{MachineRid}{Path.DirectorySeparatorChar}");
        IsReadyToRun(jobmanDll).Should().BeTrue();
        IsReadyToRun(jobsPlugin).Should().BeTrue();
    }

    [Test]
    public void Installed_files_are_the_ones_just_packed_not_a_cached_build_of_the_same_version()
    {
        var toolDir = Path.GetDirectoryName(Directory.GetFiles(_tool.ToolPath, "jobman.dll", SearchOption.AllDirectories).Single())!;
        using var zip = ZipFile.OpenRead(Path.Combine(_tool.Feed, $"jobman.{MachineRid}.{_tool.Version}.nupkg"));
        var root = $"tools/net10.0/{MachineRid}/";
        var compared = 0;
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(root, StringComparison.Ordinal) && e.Name.StartsWith("Jobman", StringComparison.OrdinalIgnoreCase) && e.Name.EndsWith(".dll", StringComparison.Ordinal)))
        {
            using var packed = entry.Open();
            var installed = Path.Combine(toolDir, entry.FullName[root.Length..]);
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(packed))
                .Should().Be(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(installed))), installed);
            compared++;
        }

        compared.Should().BeGreaterThan(8, "jobman.dll, Jobman.Core and every plugin assembly are compared");
    }

    [Test]
    public async Task Installed_tool_lists_each_bundled_plugin_with_its_own_version()
    {
        var result = await Jobman("plugins", "-o", "json");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        var loaded = JsonNode.Parse(result.Stdout)!["loaded"]!.AsArray();
        foreach (var plugin in BundledPlugins)
        {
            var entry = loaded.Single(p => p!["name"]!.GetValue<string>() == plugin)!;
            entry["version"]!.GetValue<string>().Should().Be(InstalledTool.ProjectVersion(Path.Combine(_tool.Repository, "plugins", plugin, plugin + ".csproj")));
            entry["origin"]!.GetValue<string>().Should().Be("bundled");
        }
    }

    [Test]
    public async Task Installed_help_lists_every_plugin_command()
    {
        var plugins = JsonNode.Parse((await Jobman("plugins", "-o", "json")).Stdout)!["loaded"]!.AsArray();
        var help = await Jobman("--help");

        help.ExitCode.Should().Be(0);
        foreach (var command in plugins.SelectMany(p => p!["commands"]!.AsArray()).Select(c => c!.GetValue<string>()).Where(c => !c.Contains(' ', StringComparison.Ordinal)))
        {
            help.Stdout.Should().MatchRegex($@"(?m)^  {System.Text.RegularExpressions.Regex.Escape(command)}\s");
        }

        help.Stdout.Should().Contain("resources-flavors").And.Contain("plugins");
    }

    [Test]
    public async Task Job_commands_load_only_the_bundled_plugins_they_use()
    {
        var home = Path.Combine(_tool.Work, "home-needs-" + Guid.NewGuid().ToString("N"));
        (await _tool.RunFromAsync(_tool.Work, home, ["--help"])).ExitCode.Should().Be(0);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(home, ".jobman", "cache", "plugins.json")))!;
        string[] Needs(string command) =>
            [.. manifest["commands"]!.AsArray().Single(c => (string?)c!["name"] == command && c["parent"] is null)!["needs"]!.AsArray().Select(n => (string)n!)];

        // Every plugin loaded costs start-up time: list must not load the queue plugin for a clock both registered.
        Needs("list").Should().BeEquivalentTo("Jobman.Plugins.KubernetesJobs", "Jobman.Plugins.History");
        Needs("details").Should().BeEquivalentTo("Jobman.Plugins.KubernetesJobs", "Jobman.Plugins.History");
        Needs("delete").Should().BeEquivalentTo("Jobman.Plugins.KubernetesJobs");
        Needs("queue").Should().BeEquivalentTo("Jobman.Plugins.KubernetesQueue");
    }

    [Test]
    public async Task A_home_that_does_not_exist_yet_never_makes_jobman_write_into_the_current_folder()
    {
        var home = Path.Combine(_tool.Work, "home-not-created-" + Guid.NewGuid().ToString("N"));
        var current = Directory.CreateTempSubdirectory("jobman-cwd-").FullName;
        try
        {
            foreach (var args in new[] { new[] { "--help" }, ["--help"], ["plugins"] })
            {
                var result = await _tool.RunFromAsync(current, home, args);
                result.ExitCode.Should().Be(0, result.Stderr);
            }

            Directory.EnumerateFileSystemEntries(current).Should().BeEmpty("caches belong under HOME, not in the folder jobman runs from");
            File.Exists(Path.Combine(home, ".jobman", "cache", "plugins.json")).Should().BeTrue();
        }
        finally
        {
            Directory.Delete(current, recursive: true);
        }
    }

    [Test]
    public async Task Installed_version_matches_the_package()
    {
        var result = await Jobman("--version");

        result.Stdout.Should().Be($"jobman version {_tool.Version}\n");
    }

    [Test]
    public async Task Third_party_plugin_built_against_the_installed_core_is_picked_up_from_home()
    {
        var toolDir = Path.GetDirectoryName(Directory.GetFiles(_tool.ToolPath, "jobman.dll", SearchOption.AllDirectories).Single())!;
        var target = Path.Combine(_tool.Home, ".jobman", "plugins", "Jobman.Samples.StaticRegistry");
        // Built from a copy outside the repository, as a third party would, against the installed Jobman.Core.
        var sample = Path.Combine(_tool.Work, "sample");
        Directory.CreateDirectory(sample);
        foreach (var file in Directory.GetFiles(Path.Combine(_tool.Repository, "samples", "Jobman.Samples.StaticRegistry")))
        {
            File.Copy(file, Path.Combine(sample, Path.GetFileName(file)));
        }

        var build = await _tool.DotnetAsync("build", Path.Combine(sample, "Jobman.Samples.StaticRegistry.csproj"), "-c", "Release", "-p:JobmanDir=" + toolDir + "/", "-o", target);
        build.ExitCode.Should().Be(0, build.Stdout + build.Stderr);
        File.Exists(Path.Combine(target, "Jobman.Core.dll")).Should().BeFalse("the host provides Jobman.Core");
        await File.WriteAllTextAsync(Path.Combine(_tool.Home, ".jobman", "settings.json"),
            """{ "staticRegistry": { "images": { "trainer": ["v1", "v2"] } }, "imageRegistry": "static" }""");

        var plugins = await Jobman("plugins");
        var command = await Jobman("static-registry-info");
        var images = await Jobman("images");
        var details = await Jobman("image-details", "-i", "trainer:v2");

        plugins.Stdout.Should().MatchRegex(@"(?m)^Jobman\.Samples\.StaticRegistry\s+0\.3\.0\s+loaded\s+static-registry-info");
        command.ExitCode.Should().Be(0, command.Stderr);
        command.Stdout.Should().Be("static sample registry: images come from settings key staticRegistry.images\n");
        images.ExitCode.Should().Be(0, images.Stderr);
        images.Stdout.Should().MatchRegex(@"(?m)^trainer\s+v1  v2$");
        details.Stdout.Should().Contain("trainer from the static sample registry");
    }

    private static bool IsReadyToRun(ZipArchiveEntry entry)
    {
        using var stream = new MemoryStream();
        using (var source = entry.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        return IsReadyToRun(stream);
    }

    private static bool IsReadyToRun(string path)
    {
        using var stream = File.OpenRead(path);
        return IsReadyToRun(stream);
    }

    /// <summary>ReadyToRun code is announced by the managed native header of the CLI header (empty in IL-only assemblies).</summary>
    private static bool IsReadyToRun(Stream assembly)
    {
        using var reader = new PEReader(assembly, PEStreamOptions.LeaveOpen);
        return reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Jobman(params string[] args) => _tool.RunAsync(args);
}
