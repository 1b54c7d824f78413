using Jobman.Plugins.KubernetesQueue.Model;
using Jobman.Plugins.KubernetesQueue.Reading;

namespace Jobman.Plugins.KubernetesQueue.Tests.Unit;

public class QueueDocumentReaderTests
{
    // The shape written by the original CronJob 1.2.2-1.3.14 (kubectl + jq): no phase.
    private const string Original12 = """
        {"updated":"2024-04-29T13:02:58Z","jobs":[
          {"namespace":"user-a","name":"train-1","updated":"2024-04-29T12:00:00Z",
           "resources":{"flavor":"small-gpu","requests":{"cpu":"4","memory":"16Gi","nvidia.com/gpu":"1"}}},
          {"namespace":"user-b","name":"prep","updated":"2024-04-29T12:01:00Z",
           "resources":{"flavor":null,"requests":{"cpu":2,"memory":"8Gi"}}}
        ]}
        """;

    // The shape written by the original CronJob 1.3.16: controllerUid and podStatus, no name.
    private const string Original1316 = """
        {"updated":"2024-04-29T13:02:58Z","jobs":[
          {"namespace":"user-a","controllerUid":"5e1c","updated":"2024-04-29T12:00:00Z","podStatus":"Running",
           "resources":{"flavor":"small-gpu","requests":{"cpu":"4","memory":"16Gi","nvidia.com/gpu":"1"}}},
          {"namespace":"user-a","controllerUid":"77aa","updated":"2024-04-29T12:05:00Z","podStatus":"Pending",
           "resources":{"flavor":"small-gpu","requests":{"cpu":"4","memory":"16Gi","nvidia.com/gpu":"1"}}},
          {"namespace":"user-c","controllerUid":"9f00","updated":"2024-04-29T12:06:00Z","podStatus":null,
           "resources":{"flavor":"","requests":null}}
        ]}
        """;

    [Test]
    public void Reads_the_original_1_2_shape_without_phases()
    {
        var snapshot = QueueDocumentReader.Read(Original12);

        snapshot.Updated.Should().Be(new DateTimeOffset(2024, 4, 29, 13, 2, 58, TimeSpan.Zero));
        snapshot.Form.Should().Be(QueueForm.Full);
        snapshot.Cohorts.Should().HaveCount(2);
        snapshot.Cohorts[0].Should().BeEquivalentTo(new
        {
            Namespace = "user-a", Name = "train-1", Flavor = "small-gpu", Phase = (string?)null, Count = 1L,
            Created = new DateTimeOffset(2024, 4, 29, 12, 0, 0, TimeSpan.Zero),
        });
        snapshot.Cohorts[1].Flavor.Should().BeNull();
        snapshot.Cohorts[1].Requests.Should().Equal(new Dictionary<string, string> { ["cpu"] = "2", ["memory"] = "8Gi" });
    }

    [Test]
    public void Reads_the_original_1_3_16_shape_with_pod_status()
    {
        var snapshot = QueueDocumentReader.Read(Original1316);

        snapshot.Cohorts.Select(c => c.Phase).Should().Equal(QueuePhases.Running, QueuePhases.Pending, null);
        snapshot.Cohorts.Select(c => c.Name).Should().OnlyContain(n => n == null);
        snapshot.Cohorts[2].Flavor.Should().BeNull("an empty flavor means none, as in the original's grouping");
        snapshot.Cohorts[2].Requests.Should().BeEmpty();
    }

    [Test]
    public void Reads_the_compact_form_as_cohorts_with_counts()
    {
        var snapshot = QueueDocumentReader.Read("""
            {"updated":"2026-11-25T13:00:00Z","format":"jobman.queue/v2-compact","jobs":[],"compact":{
              "timeBase":"2026-11-25T12:00:00Z","timeResolution":60,
              "groups":[{"flavor":"no-gpu","requests":{"cpu":"1","memory":"4Gi"}}],
              "rows":[{"namespace":"user-a","group":0,"pending":3,"running":2,"other":1,"pendingCreated":[5,2,10,1]}]}}
            """);

        snapshot.Form.Should().Be(QueueForm.Compact);
        snapshot.TimeResolutionSeconds.Should().Be(60);
        snapshot.Cohorts.Select(c => (c.Phase, c.Created, c.Count)).Should().Equal(
            (QueuePhases.Running, (DateTimeOffset?)null, 2L),
            (null, null, 1L),
            (QueuePhases.Pending, new DateTimeOffset(2026, 11, 25, 12, 5, 0, TimeSpan.Zero), 2L),
            (QueuePhases.Pending, new DateTimeOffset(2026, 11, 25, 12, 15, 0, TimeSpan.Zero), 1L));
    }

    [Test]
    public void Reads_an_empty_queue_of_the_original_after_its_empty_list_fix()
    {
        var snapshot = QueueDocumentReader.Read("""{"updated":"2024-04-29T13:02:58Z","jobs":[]}""");

        snapshot.Cohorts.Should().BeEmpty();
    }

    [TestCase("{\"updated\":\"x\",", "not valid JSON (line 1")]
    [TestCase("[]", "not a JSON object")]
    [TestCase("{\"updated\":\"2024-04-29T13:02:58Z\"}", "no 'jobs' list")]
    [TestCase("{\"jobs\":{}}", "'jobs' is not a list")]
    [TestCase("{\"jobs\":[42]}", "jobs[0] is not an object")]
    [TestCase("{\"jobs\":[{\"namespace\":\"a\",\"updated\":\"yesterday\"}]}", "jobs[0].updated is not a date")]
    [TestCase("{\"jobs\":[{\"namespace\":\"a\",\"resources\":{\"requests\":[1]}}]}", "jobs[0].resources.requests is not an object")]
    [TestCase("{\"jobs\":[],\"compact\":[]}", "'compact' is not an object")]
    [TestCase("{\"jobs\":[],\"compact\":{\"groups\":[]}}", "compact needs 'groups' and 'rows' lists")]
    [TestCase("{\"jobs\":[],\"compact\":{\"groups\":[],\"rows\":[{\"namespace\":\"a\",\"group\":0}]}}", "compact.rows[0].group does not name an entry of compact.groups")]
    [TestCase("{\"jobs\":[],\"compact\":{\"groups\":[{}],\"rows\":[{\"group\":0,\"pending\":-1}]}}", "compact.rows[0].pending is not a non-negative integer")]
    [TestCase("{\"jobs\":[],\"compact\":{\"groups\":[{}],\"rows\":[{\"group\":0,\"pending\":1,\"pendingCreated\":[1]}]}}", "(delta, count) pairs")]
    [TestCase("{\"jobs\":[],\"compact\":{\"timeResolution\":0,\"groups\":[],\"rows\":[]}}", "timeResolution must be at least 1")]
    public void Rejects_documents_that_are_not_a_queue(string json, string expected)
    {
        var act = () => QueueDocumentReader.Read(json);

        act.Should().Throw<QueueFormatException>().WithMessage($"*{expected}*");
    }
}
