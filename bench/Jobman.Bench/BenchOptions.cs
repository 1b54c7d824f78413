using System.Globalization;

namespace Jobman.Bench;

/// <summary>Command line of the bench; every figure is the median of <see cref="Runs"/> runs (machines are noisy).</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: bench/run.sh [--only startup,list,logs,images,history,kueue,array] [--runs N] [--startup-runs N] [--log-runs N]
                            [--log-mb MB] [--list-sizes 10,1000,10000] [--tool-path DIR] [--keep]
               bench/run.sh --serve N
          --serve N         only serve the Kubernetes double with N seeded jobs (prints KUBECONFIG=...) until stdin closes
          --tool-path DIR   use jobman (and the hello-world baseline) already installed there instead of packing
          --keep            keep the temp work folder (tools, homes, kubeconfigs) for a look afterwards
        """;

    private static readonly string[] AllSections = ["startup", "list", "logs", "images", "history", "kueue", "array"];

    public IReadOnlyList<string> Sections { get; init; } = AllSections;

    public int Runs { get; init; } = 5;

    public int StartupRuns { get; init; } = 20;

    public int LogRuns { get; init; } = 3;

    public int LogMegabytes { get; init; } = 1000;

    public IReadOnlyList<int> ListSizes { get; init; } = [10, 1000, 10000];

    public string? ToolPath { get; init; }

    public bool Keep { get; init; }

    public int? Serve { get; init; }

    public bool Includes(string section) => Sections.Contains(section);

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            try
            {
                options = args[i] switch
                {
                    "--only" => options with { Sections = Next().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                    "--runs" => options with { Runs = NextInt() },
                    "--startup-runs" => options with { StartupRuns = NextInt() },
                    "--log-runs" => options with { LogRuns = NextInt() },
                    "--log-mb" => options with { LogMegabytes = NextInt() },
                    "--list-sizes" => options with { ListSizes = [.. Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                    "--tool-path" => options with { ToolPath = Path.GetFullPath(Next()) },
                    "--keep" => options with { Keep = true },
                    "--serve" => options with { Serve = NextInt() },
                    _ => null,
                };
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
            {
                return null;
            }

            if (options is null || options.Sections.Except(AllSections).Any())
            {
                return null;
            }
        }

        return options;
    }
}
