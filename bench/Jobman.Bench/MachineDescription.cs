namespace Jobman.Bench;

/// <summary>What the figures were measured on: cores, memory and the load at the time (other work skews them).</summary>
internal static class MachineDescription
{
    public static string Describe()
    {
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(':')[1].Trim()
            : null;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        return $"# machine: {Environment.ProcessorCount} cores, MemTotal {memory ?? "n/a"}, loadavg {load}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
