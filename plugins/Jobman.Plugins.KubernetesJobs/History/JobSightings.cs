using System.Globalization;
using Jobman.Core.History;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs.History;

/// <summary>What the journal records of a job as list, details, wait and logs see it.</summary>
internal static class JobSightings
{
    /// <summary>Resource names counted as GPUs (the same three <c>resources-flavors</c> shows).</summary>
    private static readonly string[] GpuResources = ["nvidia.com/gpu", "amd.com/gpu", "intel.com/gpu"];

    public static JobSighting Of(string cluster, JobSummary summary) =>
        Of(cluster, summary.Job, summary.Pods, summary.State, summary.Flavor);

    public static JobSighting Of(string cluster, SlimJob job, IReadOnlyList<SlimPod> pods, JobState state, string? flavor)
    {
        var container = job.Spec?.Template?.Spec?.Containers?.FirstOrDefault();
        var newest = pods.FirstOrDefault();
        var main = newest is null ? null : JobStatusDeriver.MainContainerStatus(newest);
        var resources = container?.Resources?.Limits is { Count: > 0 } limits ? limits : container?.Resources?.Requests;
        var ended = JobStatusDeriver.HasEnded(job);
        return new JobSighting(cluster, job.Metadata?.Namespace ?? string.Empty, job.Metadata?.Name ?? string.Empty)
        {
            Uid = job.Metadata?.Uid,
            Image = container?.Image,
            ImageDigest = Digest(main?.ImageID),
            Flavor = flavor is null or "-" ? null : flavor,
            Resources = resources is null ? null : ResourcesText(resources),
            Gpus = container is null ? null : Gpus(resources),
            Command = container is null ? null : CommandLineText.Join(Arrays.ArrayKeys.UserCommand(container.Command, container.Args)),
            Submitted = job.Metadata?.CreationTimestamp is { } created ? Utc(created) : null,
            Started = job.Status?.StartTime is { } started ? Utc(started) : null,
            Ended = ended ? (job.Status?.CompletionTime ?? job.Status?.Conditions?.FirstOrDefault(c => c.Status == "True" && c.Type is "Failed" or "Complete")?.LastTransitionTime) is { } end ? Utc(end) : null : null,
            Status = state.Status,
            Reason = state.Reason,
            ExitCode = main?.State?.Terminated?.ExitCode ?? main?.LastState?.Terminated?.ExitCode,
        };
    }

    /// <summary><c>cpu=1, memory=2Gi</c>, by resource name.</summary>
    /// <remarks>A loop, not LINQ over the key/value pairs (a value type, compiled at run time): this runs for every job a list shows.</remarks>
    private static string ResourcesText(IReadOnlyDictionary<string, string> resources)
    {
        var names = resources.Keys.ToArray();
        // A static method, not StringComparer.Ordinal: sorting with an IComparer built a delegate through the runtime
        // for every call (~2 ms of a 1,000-job list).
        Array.Sort(names, string.CompareOrdinal);
        var text = new System.Text.StringBuilder();
        foreach (var name in names)
        {
            text.Append(text.Length == 0 ? string.Empty : ", ").Append(name).Append('=').Append(resources[name]);
        }

        return text.ToString();
    }

    /// <summary>A job just created by <c>submit</c>, with the flavor it was given.</summary>
    public static JobSighting Submitted(string cluster, string? context, k8s.Models.V1Job created, Jobman.Core.Flavors.ResourceFlavor flavor, bool queued)
    {
        var container = created.Spec?.Template?.Spec?.Containers?.FirstOrDefault();
        var resources = flavor.Limits.Count > 0 ? flavor.Limits : flavor.Requests;
        return new JobSighting(cluster, created.Metadata?.NamespaceProperty ?? string.Empty, created.Metadata?.Name ?? string.Empty)
        {
            Uid = created.Metadata?.Uid,
            Context = context,
            Image = container?.Image,
            Flavor = flavor.Name.Length > 0 ? flavor.Name : "custom",
            Resources = ResourcesText(resources),
            Gpus = Gpus(resources),
            Command = CommandLineText.Join(Arrays.ArrayKeys.UserCommand(container?.Command, container?.Args)),
            Submitted = created.Metadata?.CreationTimestamp is { } at ? Utc(at) : DateTimeOffset.UtcNow,
            Status = queued ? JobState.Queued : JobState.Pending,
            Reason = string.Empty,
        };
    }

    /// <summary>The <c>sha256:...</c> part of a container status' imageID; null when the kubelet has not pulled yet.</summary>
    private static string? Digest(string? imageId) =>
        imageId?.IndexOf("sha256:", StringComparison.Ordinal) is int at and >= 0 ? imageId[at..] : null;

    private static double Gpus(IReadOnlyDictionary<string, string>? resources)
    {
        double total = 0;
        foreach (var key in GpuResources)
        {
            if (resources is not null && resources.TryGetValue(key, out var text)
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var count))
            {
                total += count;
            }
        }

        return total;
    }

    private static DateTimeOffset Utc(DateTime value) =>
        new(DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc));
}
