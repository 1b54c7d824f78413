using System.Diagnostics;
using Jobman.Core.History;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using Jobman.Plugins.History.Journal;
using Jobman.Plugins.History.Logs;

namespace Jobman.Bench;

/// <summary>
/// The job journal at 100,000 entries (issue 18): how long recording a list of 1,000 jobs takes once the journal is
/// that big (through the journal's own write path), and the installed <c>jobman history</c> reading it.
/// </summary>
internal sealed class HistoryBench(BenchContext context, FigureWriter figures)
{
    private const int Entries = 100_000;
    private const int Batch = 1_000;
    private static readonly string[] Flavors = ["no-gpu", "small-gpu", "large-gpu"];

    public async Task RunAsync()
    {
        var environment = context.Environment("history");
        var home = environment["HOME"]!;
        var jobmanEnvironment = new JobmanEnvironment(home, _ => null) { Warn = message => Console.Error.WriteLine($"# history: warning: {message}") };
        var location = new JournalLocation(jobmanEnvironment);
        var journal = new SqliteJobJournal(location, new KeptLogStore(location), JobmanSettings.Empty, jobmanEnvironment);
        Console.Error.WriteLine($"# history: seeding {Entries} journal entries in batches of {Batch}...");
        var now = DateTimeOffset.UtcNow;
        var batchTimes = new List<double>();
        for (var start = 0; start < Entries; start += Batch)
        {
            var sightings = Enumerable.Range(start, Batch).Select(i => Sighting(i, now)).ToList();
            var watch = Stopwatch.StartNew();
            journal.Record(sightings);
            batchTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        figures.Add("history.entries_100000.record_1000_wall", FigureWriter.Median(batchTimes.TakeLast(10)), "ms");
        figures.Add("history.entries_100000.file_size", new FileInfo(location.DatabaseFile).Length / 1048576.0, "MB");
        await MeasureAsync("since_7d", ["history", "--since", "7d"], environment);
        await MeasureAsync("failed_all_json", ["history", "--since", "all", "--status", "failed", "-o", "json"], environment);
        await MeasureAsync("all_table", ["history", "--since", "all"], environment);
        await MeasureListAsync(environment);
    }

    /// <summary>What recording costs <c>jobman list</c>: 1,000 jobs listed into the 100,000-entry journal, and with the journal off.</summary>
    private async Task MeasureListAsync(Dictionary<string, string?> environment)
    {
        await using var cluster = await Jobman.Sandbox.Kubernetes.KubernetesApiServer.StartAsync();
        var token = cluster.AddUser("bench", "history-list");
        ListBench.Seed(cluster, "history-list", Batch);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(context.Work, "kubeconfig-history-list"), token, "history-list");
        var off = Path.Combine(context.Work, "journal-off.json");
        await File.WriteAllTextAsync(off, """{ "history": { "journal": false } }""");
        var withCluster = new Dictionary<string, string?>(environment) { ["KUBECONFIG"] = kubeconfig };
        foreach (var (name, args) in new[] { ("list_1000_journal_on", new[] { "list" }), ("list_1000_journal_off", new[] { "list", "-s", off }) })
        {
            // One warm-up run, as the list bench does (page cache; the first list inserts, later ones update).
            (await ChildProcess.RunAsync(context.Jobman, args, withCluster)).EnsureSucceeded(name);
            var runs = await BenchContext.RepeatAsync(context.Options.Runs, () => ChildProcess.RunAsync(context.Jobman, args, withCluster, keepStdout: false));
            figures.Add($"history.entries_100000.{name}.jobman_wall", FigureWriter.Median(runs.Select(r => r.EnsureSucceeded(name).Wall.TotalMilliseconds)), "ms");
        }
    }

    private async Task MeasureAsync(string name, string[] args, Dictionary<string, string?> environment)
    {
        var runs = await BenchContext.RepeatAsync(context.Options.Runs, () => ChildProcess.RunAsync(context.Jobman, args, environment, keepStdout: false));
        foreach (var run in runs)
        {
            run.EnsureSucceeded(string.Join(' ', args));
        }

        figures.Add($"history.entries_100000.{name}.jobman_wall", FigureWriter.Median(runs.Select(r => r.Wall.TotalMilliseconds)), "ms");
        figures.Add($"history.entries_100000.{name}.jobman_peak_rss", FigureWriter.Median(runs.Select(r => r.PeakMegabytes)), "MB");
        figures.Add($"history.entries_100000.{name}.stdout", runs[0].StdoutBytes / 1024.0, "KiB");
    }

    /// <summary>One submission every 90 s over the last ~104 days: a busy user's quarter.</summary>
    private static JobSighting Sighting(int i, DateTimeOffset now)
    {
        var submitted = now - TimeSpan.FromSeconds(90.0 * (Entries - i));
        var failed = i % 10 == 0;
        var flavor = Flavors[i % Flavors.Length];
        return new JobSighting("https://cluster.example:6443", "team-a", $"train-{i:D6}")
        {
            Uid = $"00000000-0000-0000-0000-{i:D12}",
            Image = "registry.example/team/trainer:v2",
            ImageDigest = "sha256:" + new string('a', 64),
            Flavor = flavor,
            Resources = flavor == "no-gpu" ? "cpu=2, memory=4Gi" : "cpu=4, memory=16Gi, nvidia.com/gpu=1",
            Gpus = flavor == "no-gpu" ? 0 : flavor == "small-gpu" ? 1 : 2,
            Command = $"python train.py --seed {i}",
            Submitted = submitted,
            Started = submitted + TimeSpan.FromSeconds(5),
            Ended = submitted + TimeSpan.FromMinutes(30 + (i % 60)),
            Status = failed ? "Failed" : "Succeeded",
            Reason = failed ? "BackoffLimitExceeded: exit code 1" : string.Empty,
            ExitCode = failed ? 1 : 0,
        };
    }
}
