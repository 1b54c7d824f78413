using System.Text.Json;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using Jobman.Plugins.KubernetesJobs.Status;
using k8s;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Tests.Unit;

/// <summary>
/// The slim list reader must give list, details, logs and wait exactly what the full client models give them:
/// every upstream and sample object is decoded both ways and compared through what the commands derive.
/// </summary>
public class SlimListDecodingTests
{
    private static readonly string[] JobFiles = ["samples/joblist-running-succeeded-failed.json", "samples/joblist-page1-limit1.json", "fixtures-roundtrip/batch.v1.Job.json"];
    private static readonly string[] PodFiles = ["samples/podlist-by-job-selector.json", "samples/pod-imagepullbackoff.json", "samples/pod-pending-unschedulable.json", "real-captures/minikube-2017-podlist-from-csharp-tests.json", "fixtures-roundtrip/core.v1.Pod.json"];

    [TestCaseSource(nameof(JobFiles))]
    public void Jobs_decode_to_the_same_summary_as_the_full_model(string file)
    {
        var (full, slim) = BothWays<V1Job, SlimJob>(file, SlimJson.Default.SlimListSlimJob, j => j.ToModel());
        var pods = BothWays<V1Pod, SlimPod>(PodFiles[0], SlimJson.Default.SlimListSlimPod, p => p.ToModel());
        full.Should().NotBeEmpty();
        var now = DateTime.UtcNow;
        for (var i = 0; i < full.Count; i++)
        {
            var expected = JobSummary.Create(full[i], pods.Full, "jobman.io/flavor");
            var actual = JobSummary.Create(slim[i], pods.Slim, "jobman.io/flavor");
            actual.ToJson(now).ToJsonString().Should().Be(expected.ToJson(now).ToJsonString(), file);
            actual.Node.Should().Be(expected.Node);
            actual.Finished.Should().Be(expected.Finished);
            JobStatusDeriver.HasEnded(slim[i]).Should().Be(JobStatusDeriver.HasEnded(full[i]));
        }
    }

    [TestCaseSource(nameof(PodFiles))]
    public void Pods_decode_to_the_same_state_as_the_full_model(string file)
    {
        var (full, slim) = BothWays<V1Pod, SlimPod>(file, SlimJson.Default.SlimListSlimPod, p => p.ToModel());
        full.Should().NotBeEmpty();
        for (var i = 0; i < full.Count; i++)
        {
            JobStatusDeriver.DerivePod(slim[i]).Should().Be(JobStatusDeriver.DerivePod(full[i]), file);
            Describe(slim[i]).Should().Be(Describe(full[i]), file);
        }
    }

    [Test]
    public void A_list_with_unknown_fields_and_nulls_still_decodes()
    {
        const string json = """
            {"kind":"JobList","metadata":{"continue":"abc","remainingItemCount":3,"future":{"x":[1,2]}},
             "items":[{"metadata":{"name":"a","labels":null,"annotations":{"k":"v"},"managedFields":[{"manager":"m"}]},
                       "spec":{"template":{"spec":{"containers":[{"name":"main","image":"busybox","resources":{"limits":{"cpu":"1"}}}]}}},
                       "status":null}]}
            """;
        var list = JsonSerializer.Deserialize(json, SlimJson.Default.SlimListSlimJob)!;
        list.Metadata!.Continue.Should().Be("abc");
        var job = list.Items!.Single().ToModel();
        job.Metadata.Name.Should().Be("a");
        job.Metadata.Annotations.Should().ContainKey("k");
        job.Spec.Template.Spec.Containers.Single().Image.Should().Be("busybox");
        job.Status.Should().BeNull();
    }

    private static (List<V1Full> Full, List<V1Full> Slim) BothWays<V1Full, TSlim>(string file, System.Text.Json.Serialization.Metadata.JsonTypeInfo<SlimList<TSlim>> type, Func<TSlim, V1Full> toModel)
    {
        var text = Contracts.Text(file);
        using var document = JsonDocument.Parse(text);
        // Single objects (fixtures, pod samples) are wrapped into a list, which is how jobman reads them.
        var listText = document.RootElement.TryGetProperty("items", out _) ? text : $"{{\"items\":[{text}]}}";
        var full = KubernetesJson.Deserialize<FullList<V1Full>>(listText).Items;
        var slim = JsonSerializer.Deserialize(listText, type)!.Items!.Select(toModel).ToList();
        slim.Should().HaveCount(full.Count);
        return (full, slim);
    }

    private static string Describe(V1Pod pod)
    {
        var main = JobStatusDeriver.MainContainerStatus(pod);
        return string.Join("|", pod.Metadata?.Name, pod.Metadata?.CreationTimestamp?.ToString("O"), pod.Spec?.NodeName, pod.Status?.Phase,
            JobStatusDeriver.JobNameOf(pod), main?.State?.Running is null, main?.State?.Terminated?.ExitCode, main?.State?.Terminated?.Reason,
            main?.LastState?.Terminated?.ExitCode, string.Join(",", pod.Metadata?.OwnerReferences?.Select(o => $"{o.Uid}:{o.Controller}") ?? []));
    }

    private sealed class FullList<T>
    {
        public List<T> Items { get; set; } = [];
    }
}
