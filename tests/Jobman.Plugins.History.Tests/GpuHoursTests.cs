using System.Text.Json.Nodes;
using Jobman.Core.History;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using Jobman.Plugins.History.Journal;
using Jobman.Plugins.History.Logs;
using Jobman.Testing.Cli;

namespace Jobman.Plugins.History.Tests;

/// <summary>GPU-hours = GPUs x run time, per job and per flavor, from entries written through the journal's own write path.</summary>
public sealed class GpuHoursTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-2);

    private JobmanRunner _runner = null!;

    [SetUp]
    public void Seed()
    {
        _runner = new JobmanRunner().WithPlugin(new HistoryPlugin());
        var environment = new JobmanEnvironment(_runner.HomeDirectory, _ => null) { Warn = message => Assert.Fail(message) };
        var location = new JournalLocation(environment);
        new SqliteJobJournal(location, new KeptLogStore(location), JobmanSettings.Empty, environment).Record(
        [
            Job("two-gpus-3h", "large-gpu", gpus: 2, TimeSpan.FromHours(3), "Succeeded"),
            Job("one-gpu-90m", "small-gpu", gpus: 1, TimeSpan.FromMinutes(90), "Failed"),
            Job("one-gpu-30m", "small-gpu", gpus: 1, TimeSpan.FromMinutes(30), "Succeeded"),
            Job("cpu-only", "no-gpu", gpus: 0, TimeSpan.FromHours(10), "Succeeded"),
            Job("waiting", "large-gpu", gpus: 2, ran: null, "Pending"),
        ]);
    }

    [TearDown]
    public void Dispose() => _runner.Dispose();

    [Test]
    public async Task Totals_per_flavor_add_up_gpus_times_run_time()
    {
        var result = await _runner.RunAsync("history", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var document = JsonNode.Parse(result.Stdout)!;
        var totals = document["totals"]!.AsArray().ToDictionary(t => (string)t!["flavor"]!, t => ((int)t!["jobs"]!, (double)t["gpuHours"]!));
        totals.Should().BeEquivalentTo(new Dictionary<string, (int, double)>
        {
            ["large-gpu"] = (2, 6.0),
            ["small-gpu"] = (2, 2.0),
            ["no-gpu"] = (1, 0.0),
        });
        document["jobs"]!.AsArray().Single(j => (string)j!["name"]! == "waiting")!["gpuHours"]!.GetValue<double>().Should().Be(0, "a pending job holds no GPU");
    }

    [Test]
    public async Task The_table_ends_with_gpu_hours_per_flavor_and_in_total()
    {
        var result = await _runner.RunAsync("history", "--since", "7d");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().MatchRegex(@"(?m)^two-gpus-3h\s+Succeeded\s+-\s+0\s+large-gpu\s+2\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+3h\s+6\.00\s*$");
        result.Stdout.Should().EndWith("""

            FLAVOR      JOBS   GPU-HOURS
            large-gpu   2      6.00
            small-gpu   2      2.00
            no-gpu      1      0.00
            total       5      8.00

            """);
        (await _runner.RunAsync("history", "--since", "1d")).Stdout.Should().StartWith("no jobs in the journal submitted since");
    }

    private static JobSighting Job(string name, string flavor, double gpus, TimeSpan? ran, string status) =>
        new("https://cluster.example:6443", "team-a", name)
        {
            Uid = name + "-uid",
            Flavor = flavor,
            Gpus = gpus,
            Submitted = Start,
            Started = ran is null ? null : Start,
            Ended = ran is { } run ? Start + run : null,
            Status = status,
            Reason = string.Empty,
            ExitCode = ran is null ? null : status == "Failed" ? 1 : 0,
        };
}
