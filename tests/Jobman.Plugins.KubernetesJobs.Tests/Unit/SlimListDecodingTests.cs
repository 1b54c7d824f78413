using System.Text;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using Jobman.Plugins.KubernetesJobs.Status;
using k8s;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Tests.Unit;

/// <summary>
/// jobman's read models must hold what the full client models hold for every field list, details, logs and wait
/// read: every upstream and sample object is decoded both ways and the read fields compared.
/// </summary>
public class SlimListDecodingTests
{
    private static readonly string[] JobFiles = ["samples/joblist-running-succeeded-failed.json", "samples/joblist-page1-limit1.json", "fixtures-roundtrip/batch.v1.Job.json"];
    private static readonly string[] PodFiles = ["samples/podlist-by-job-selector.json", "samples/pod-imagepullbackoff.json", "samples/pod-pending-unschedulable.json", "real-captures/minikube-2017-podlist-from-csharp-tests.json", "fixtures-roundtrip/core.v1.Pod.json"];

    [TestCaseSource(nameof(JobFiles))]
    public void Jobs_decode_the_fields_jobman_reads(string file)
    {
        var listText = SlimSamples.AsList(file);
        var full = KubernetesJson.Deserialize<FullList<V1Job>>(listText).Items;
        var slim = SlimReader.JobList(Encoding.UTF8.GetBytes(listText))!.Items!;
        full.Should().NotBeEmpty();
        slim.Select(Describe).Should().Equal(full.Select(Describe), file);
    }

    [TestCaseSource(nameof(PodFiles))]
    public void Pods_decode_the_fields_jobman_reads(string file)
    {
        var listText = SlimSamples.AsList(file);
        var full = KubernetesJson.Deserialize<FullList<V1Pod>>(listText).Items;
        var slim = SlimReader.PodList(Encoding.UTF8.GetBytes(listText))!.Items!;
        full.Should().NotBeEmpty();
        slim.Select(Describe).Should().Equal(full.Select(Describe), file);
        slim.Select(JobStatusDeriver.DerivePod).Should().NotContainNulls();
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
        var list = SlimReader.JobList(Encoding.UTF8.GetBytes(json))!;
        list.Metadata!.Continue.Should().Be("abc");
        var job = list.Items!.Single();
        job.Metadata!.Name.Should().Be("a");
        job.Metadata.Annotations.Should().ContainKey("k");
        job.Spec!.Template!.Spec!.Containers!.Single().Image.Should().Be("busybox");
        job.Status.Should().BeNull();
    }

    private static string Describe(V1Job job) => string.Join("|",
        job.Metadata?.Name, job.Metadata?.Uid, job.Metadata?.CreationTimestamp?.ToString("O"), Pairs(job.Metadata?.Labels), Pairs(job.Metadata?.Annotations),
        job.Spec?.Suspend, job.Spec?.BackoffLimit, Containers(job.Spec?.Template?.Spec?.Containers?.Select(c => ((string?)c.Name, (string?)c.Image, (IList<string>?)c.Command, (IList<string>?)c.Args))),
        job.Status?.Active, job.Status?.Ready, job.Status?.Succeeded, job.Status?.Failed, job.Status?.StartTime?.ToString("O"), job.Status?.CompletionTime?.ToString("O"),
        string.Join(",", job.Status?.Conditions?.Select(c => $"{c.Type}:{c.Status}:{c.Reason}:{c.Message}:{c.LastTransitionTime:O}") ?? []));

    private static string Describe(SlimJob job) => string.Join("|",
        job.Metadata?.Name, job.Metadata?.Uid, job.Metadata?.CreationTimestamp?.ToString("O"), Pairs(job.Metadata?.Labels), Pairs(job.Metadata?.Annotations),
        job.Spec?.Suspend, job.Spec?.BackoffLimit, Containers(job.Spec?.Template?.Spec?.Containers?.Select(c => (c.Name, c.Image, (IList<string>?)c.Command, (IList<string>?)c.Args))),
        job.Status?.Active, job.Status?.Ready, job.Status?.Succeeded, job.Status?.Failed, job.Status?.StartTime?.ToString("O"), job.Status?.CompletionTime?.ToString("O"),
        string.Join(",", job.Status?.Conditions?.Select(c => $"{c.Type}:{c.Status}:{c.Reason}:{c.Message}:{c.LastTransitionTime:O}") ?? []));

    private static string Describe(V1Pod pod)
    {
        var main = pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == "main") ?? pod.Status?.ContainerStatuses?.FirstOrDefault();
        return string.Join("|", pod.Metadata?.Name, pod.Metadata?.CreationTimestamp?.ToString("O"), pod.Metadata?.DeletionTimestamp?.ToString("O"), Pairs(pod.Metadata?.Labels),
            pod.Spec?.NodeName, pod.Status?.Phase, pod.Status?.Reason, main?.State?.Waiting?.Reason, main?.State?.Waiting?.Message, main?.State?.Running?.StartedAt?.ToString("O"),
            main?.State?.Terminated?.ExitCode, main?.State?.Terminated?.Reason, main?.LastState?.Terminated?.ExitCode,
            string.Join(",", pod.Status?.Conditions?.Select(c => $"{c.Type}:{c.Status}:{c.Reason}") ?? []),
            string.Join(",", pod.Metadata?.OwnerReferences?.Select(o => $"{o.Uid}:{o.Controller}") ?? []));
    }

    private static string Describe(SlimPod pod)
    {
        var main = JobStatusDeriver.MainContainerStatus(pod);
        return string.Join("|", pod.Metadata?.Name, pod.Metadata?.CreationTimestamp?.ToString("O"), pod.Metadata?.DeletionTimestamp?.ToString("O"), Pairs(pod.Metadata?.Labels),
            pod.Spec?.NodeName, pod.Status?.Phase, pod.Status?.Reason, main?.State?.Waiting?.Reason, main?.State?.Waiting?.Message, main?.State?.Running?.StartedAt?.ToString("O"),
            main?.State?.Terminated?.ExitCode, main?.State?.Terminated?.Reason, main?.LastState?.Terminated?.ExitCode,
            string.Join(",", pod.Status?.Conditions?.Select(c => $"{c.Type}:{c.Status}:{c.Reason}") ?? []),
            string.Join(",", pod.Metadata?.OwnerReferences?.Select(o => $"{o.Uid}:{o.Controller}") ?? []));
    }

    private static string Pairs(IDictionary<string, string>? values) =>
        values is null ? "-" : string.Join(",", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));

    private static string Containers(IEnumerable<(string? Name, string? Image, IList<string>? Command, IList<string>? Args)>? containers) =>
        string.Join(";", containers?.Select(c => $"{c.Name}:{c.Image}:{string.Join(" ", c.Command ?? [])}:{string.Join(" ", c.Args ?? [])}") ?? []);

    private sealed class FullList<T>
    {
        public List<T> Items { get; set; } = [];
    }
}
