using System.Text;
using Jobman.Plugins.KubernetesQueue.Model;
using Jobman.Plugins.KubernetesQueue.Publishing;
using Jobman.Plugins.KubernetesQueue.Reading;
using Jobman.Plugins.KubernetesQueue.Reporting;
using static Jobman.Plugins.KubernetesQueue.Tests.Unit.QueueJobs;

namespace Jobman.Plugins.KubernetesQueue.Tests.Unit;

public class QueueReportTests
{
    private static readonly string[] NvidiaAndAmd = ["nvidia.com/gpu", "amd.com/gpu"];

    private static QueueReport Report(IReadOnlyList<QueueJob> jobs, string me = "user-me", IReadOnlyList<string>? gpus = null) =>
        QueueReport.Build(
            QueueDocumentReader.Read(Encoding.UTF8.GetString(FullQueueEncoder.Encode(jobs, T0.AddHours(1)))),
            me,
            gpus ?? ["nvidia.com/gpu"],
            T0.AddHours(1).AddMinutes(2));

    [Test]
    public void Counts_pending_running_total_and_mine_per_flavor()
    {
        var report = Report(
        [
            Job("user-a", "a1", 0, QueuePhases.Running),
            Job("user-me", "m1", 1, QueuePhases.Running),
            Job("user-me", "m2", 2),
            Job("user-b", "b1", 3),
            Job("user-a", "a2", 4, QueuePhases.Suspended),
            Job("user-me", "g1", 5, flavor: "small-gpu"),
        ]);

        report.Rows.Select(r => (r.Key, r.Resources, r.Pending, r.Running, r.Total, r.Mine)).Should().Equal(
            ("no-gpu", "1/4Gi/0", 2L, 2L, 5L, (long?)2),
            ("small-gpu", "4/16Gi/1", 1L, 0L, 1L, (long?)1));
    }

    [Test]
    public void Positions_are_places_among_the_pending_jobs_of_the_same_group_by_creation_time()
    {
        var report = Report(
        [
            // Listed out of order on purpose: positions follow creation time, not document order.
            Job("user-me", "late", 30),
            Job("user-a", "a1", 1),
            Job("user-b", "b1", 2),
            Job("user-me", "early", 3),
            Job("user-a", "a2", 4),
            Job("user-a", "a3", 5),
            Job("user-b", "b2", 6),
            Job("user-a", "running", 0, QueuePhases.Running),
            Job("user-b", "gpu", 0, flavor: "small-gpu"),
        ]);

        report.Rows.Single(r => r.Key == "no-gpu").MyPositions.Should().Equal(3, 7);
        report.Rows.Single(r => r.Key == "small-gpu").MyPositions.Should().BeEmpty();
        QueueReportView.Table(report).Rows[0][6].Text.Should().Be("3, 7");
    }

    [Test]
    public void Jobs_without_flavor_are_grouped_by_cpu_memory_and_summed_gpus()
    {
        var mixed = new Dictionary<string, string> { ["cpu"] = "8", ["memory"] = "32Gi", ["nvidia.com/gpu"] = "1", ["amd.com/gpu"] = "2" };
        var report = Report(
            [Job("user-a", "x", 0, flavor: null, requests: mixed), Job("user-a", "y", 1, flavor: null, requests: mixed), Job("user-a", "z", 2, flavor: null, requests: [])],
            gpus: NvidiaAndAmd);

        report.Rows.Select(r => (r.Flavor, r.Key, r.Total)).Should().Equal((null, "-/-/0", 1L), (null, "8/32Gi/3", 2L));
        Report([Job("user-a", "x", 0, flavor: null, requests: mixed)], gpus: []).Rows[0].Key
            .Should().Be("8/32Gi/0", "with no jobsQueue.gpuResources the GPU figure is 0, as in the original");
    }

    [Test]
    public void A_flavor_name_used_with_different_resources_is_flagged()
    {
        var report = Report(
        [
            Job("user-a", "x", 0, flavor: "no-gpu"),
            Job("user-a", "y", 1, flavor: "no-gpu"),
            Job("user-b", "z", 2, flavor: "no-gpu", requests: new() { ["cpu"] = "16", ["memory"] = "64Gi" }),
        ]);

        var row = report.Rows.Single();
        row.HasConflict.Should().BeTrue();
        row.Resources.Should().Be("1/4Gi/0", "the row shows the most common resources");
        row.ResourceVariants.Should().Equal(new Dictionary<string, long> { ["1/4Gi/0"] = 2, ["16/64Gi/0"] = 1 });
        var table = QueueReportView.Table(report);
        table.Rows[0][0].Text.Should().Be("no-gpu (!)");
        table.Footer.Should().Contain(l => l.StartsWith("(!)", StringComparison.Ordinal));
    }

    [Test]
    public void Age_and_staleness_come_from_the_documents_updated_time()
    {
        var jobs = new[] { Job("user-a", "x", 0) };
        var snapshot = QueueDocumentReader.Read(Encoding.UTF8.GetString(FullQueueEncoder.Encode(jobs, T0)));

        var fresh = QueueReport.Build(snapshot, "user-me", [], T0.AddMinutes(2).AddSeconds(5));
        fresh.IsStale.Should().BeFalse();
        QueueReportView.UpdatedLine(fresh).Should().Be("Queue updated 2m ago (2026-11-25 12:00:00 UTC).");

        var stale = QueueReport.Build(snapshot, "user-me", [], T0.AddMinutes(10).AddSeconds(1));
        stale.IsStale.Should().BeTrue();
    }

    [TestCase(5, "5s ago")]
    [TestCase(125, "2m ago")]
    [TestCase(3600, "1h ago")]
    [TestCase(3 * 3600 + 300, "3h 5m ago")]
    [TestCase(2 * 86400 + 4 * 3600, "2d 4h ago")]
    public void Ages_read_naturally(int seconds, string expected) =>
        QueueReportView.Ago(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Test]
    public void Long_position_lists_are_shortened_in_the_table_but_complete_in_json()
    {
        var jobs = Enumerable.Range(0, 20).Select(i => Job("user-me", $"j{i}", i)).ToList();
        var report = Report(jobs);

        QueueReportView.Table(report).Rows[0][6].Text.Should().Be("1, 2, 3, 4, 5, 6, 7, 8, ... (+12)");
        QueueReportView.Data(report)["groups"]![0]!["myPositions"]!.AsArray().Should().HaveCount(20);
    }
}
