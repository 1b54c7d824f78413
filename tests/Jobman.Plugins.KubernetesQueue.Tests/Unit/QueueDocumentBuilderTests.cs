using System.Diagnostics;
using System.Text;
using Jobman.Plugins.KubernetesQueue.Model;
using Jobman.Plugins.KubernetesQueue.Publishing;
using Jobman.Plugins.KubernetesQueue.Reading;
using Jobman.Plugins.KubernetesQueue.Reporting;
using static Jobman.Plugins.KubernetesQueue.Tests.Unit.QueueJobs;

namespace Jobman.Plugins.KubernetesQueue.Tests.Unit;

public class QueueDocumentBuilderTests
{
    private static readonly DateTimeOffset Now = T0.AddDays(3);
    private static readonly string[] Gpus = ["nvidia.com/gpu"];

    /// <summary>What a reader would see with unlimited room: the reference for every compact form.</summary>
    private static QueueReport Exact(IReadOnlyList<QueueJob> jobs, string me) => QueueReport.Build(ExactSnapshot(jobs), me, Gpus, Now);

    private static QueueSnapshot ExactSnapshot(IReadOnlyList<QueueJob> jobs) =>
        QueueDocumentReader.Read(Encoding.UTF8.GetString(FullQueueEncoder.Encode(jobs, Now)));

    private static QueueReport Published(QueueDocument document, string me) =>
        QueueReport.Build(QueueDocumentReader.Read(Encoding.UTF8.GetString(document.Json)), me, Gpus, Now);

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1000)]
    public void Small_queues_get_one_entry_per_job(int count)
    {
        var jobs = Many(count);

        var document = new QueueDocumentBuilder().Build(jobs, Now);

        document.Form.Should().Be(QueueForm.Full);
        var snapshot = QueueDocumentReader.Read(Encoding.UTF8.GetString(document.Json));
        snapshot.Cohorts.Should().HaveCount(count);
        snapshot.Cohorts.Select(c => c.Name).Should().Equal(jobs.Select(j => j.Name));
    }

    [Test]
    public void The_full_form_keeps_the_fields_of_the_original_1_3_16()
    {
        var json = Encoding.UTF8.GetString(new QueueDocumentBuilder().Build([Job("user-a", "train", 0, flavor: "small-gpu")], Now).Json);

        json.Should().Be(
            """{"updated":"2026-11-28T12:00:00Z","format":"jobman.queue/v1","jobs":[{"namespace":"user-a","name":"train","controllerUid":"uid-user-a-train","updated":"2026-11-25T12:00:00Z","podStatus":"Pending","phase":"Pending","resources":{"flavor":"small-gpu","requests":{"cpu":"4","memory":"16Gi","nvidia.com/gpu":"1"}}}]}""");
    }

    [Test]
    public void Fifty_thousand_jobs_fit_in_a_ConfigMap_with_exact_counts_and_positions()
    {
        var jobs = Many(50_000);
        var clock = Stopwatch.StartNew();

        var document = new QueueDocumentBuilder().Build(jobs, Now);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        document.Form.Should().Be(QueueForm.Compact);
        document.Detail.Should().Be(new CompactDetail(1, true, true));
        document.Json.Length.Should().BeLessThanOrEqualTo(QueueDocumentBuilder.DefaultBudgetBytes);
        var reference = ExactSnapshot(jobs);
        foreach (var me in new[] { "user-000", "user-123", "user-399", "nobody" })
        {
            var exact = QueueReport.Build(reference, me, Gpus, Now);
            var published = Published(document, me);
            published.Rows.Select(r => (r.Key, r.Resources, r.Pending, r.Running, r.Total, r.Mine))
                .Should().Equal(exact.Rows.Select(r => (r.Key, r.Resources, r.Pending, r.Running, r.Total, r.Mine)));
            published.Rows.Select(r => r.MyPositions).Should().BeEquivalentTo(exact.Rows.Select(r => r.MyPositions), o => o.WithStrictOrdering());
        }
    }

    [Test]
    public void A_tight_budget_rounds_creation_times_and_marks_positions_approximate()
    {
        var jobs = Many(20_000);
        var exactSize = CompactQueueEncoder.Encode(jobs, Now, new CompactDetail(1, true, true)).Length;

        var document = new QueueDocumentBuilder(exactSize - 1).Build(jobs, Now);

        document.Detail!.TimeResolutionSeconds.Should().BeGreaterThan(1);
        document.Json.Length.Should().BeLessThan(exactSize);
        var published = Published(document, "user-042");
        var exact = Exact(jobs, "user-042");
        published.PositionsApproximate.Should().BeTrue();
        published.Rows.Select(r => (r.Pending, r.Running, r.Mine)).Should().Equal(exact.Rows.Select(r => (r.Pending, r.Running, r.Mine)));
        published.Rows.Select(r => r.MyPositions!.Count).Should().Equal(exact.Rows.Select(r => r.MyPositions!.Count));
        // Rounding to minutes moves a job at most by the jobs created in the same minute (one every ~3 s here).
        var drift = published.Rows.Zip(exact.Rows).SelectMany(p => p.First.MyPositions!.Zip(p.Second.MyPositions!, (a, b) => Math.Abs(a - b)));
        drift.Should().OnlyContain(d => d <= 3L * 60 * 60 / 3);
        QueueReportView.Table(published).Rows[0][6].Text.Should().StartWith("~");
    }

    [Test]
    public void When_even_rounded_times_do_not_fit_counts_remain_and_positions_become_unknown()
    {
        var jobs = Many(20_000);
        var countsOnly = CompactQueueEncoder.Encode(jobs, Now, new CompactDetail(1, false, true)).Length;

        var document = new QueueDocumentBuilder(countsOnly).Build(jobs, Now);

        document.Detail.Should().Be(new CompactDetail(1, false, true));
        var published = Published(document, "user-042");
        published.Rows.Should().OnlyContain(r => r.MyPositions == null && r.Mine != null);
        QueueReportView.Table(published).Rows[0][6].Text.Should().Be("?");
    }

    [Test]
    public void As_a_last_resort_namespaces_are_merged_and_totals_stay_exact()
    {
        var jobs = Many(20_000);

        var document = new QueueDocumentBuilder(2_000).Build(jobs, Now);

        document.Detail.Should().Be(new CompactDetail(1, false, false));
        document.Json.Length.Should().BeLessThanOrEqualTo(2_000);
        var published = Published(document, "user-042");
        published.Rows.Select(r => (r.Pending, r.Running, r.Total)).Should().Equal(Exact(jobs, "user-042").Rows.Select(r => (r.Pending, r.Running, r.Total)));
        published.Rows.Should().OnlyContain(r => r.Mine == null && r.MyPositions == null);
    }

    [Test]
    public void A_queue_that_cannot_fit_at_all_is_an_error_not_a_truncated_document()
    {
        var act = () => new QueueDocumentBuilder(100).Build(Many(100), Now);

        act.Should().Throw<Jobman.Core.JobmanException>().WithMessage("*does not fit in a ConfigMap*");
    }
}
