using System.Globalization;
using System.Text.Json;
using Jobman.Plugins.KubernetesQueue.Model;

namespace Jobman.Plugins.KubernetesQueue.Publishing;

/// <summary>
/// Writes one entry per job in the 1.3.16 shape plus <c>name</c> and <c>phase</c>: every jobman version can read it.
/// </summary>
internal static class FullQueueEncoder
{
    public static byte[] Encode(IReadOnlyList<QueueJob> jobs, DateTimeOffset updated)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString(QueueJsonNames.Updated, FormatTime(updated));
            w.WriteString(QueueJsonNames.Format, QueueJsonNames.FullFormat);
            w.WriteStartArray(QueueJsonNames.Jobs);
            foreach (var job in jobs)
            {
                w.WriteStartObject();
                w.WriteString(QueueJsonNames.Namespace, job.Namespace);
                w.WriteString(QueueJsonNames.Name, job.Name);
                w.WriteString(QueueJsonNames.ControllerUid, job.ControllerUid);
                w.WriteString(QueueJsonNames.Updated, job.Created is { } c ? FormatTime(c) : null);
                w.WriteString(QueueJsonNames.PodStatus, job.Phase);
                w.WriteString(QueueJsonNames.Phase, job.Phase);
                w.WriteStartObject(QueueJsonNames.Resources);
                w.WriteString(QueueJsonNames.Flavor, job.Flavor);
                WriteRequests(w, job.Requests);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Seconds precision with a Z, like the original's <c>now|todate</c> and Kubernetes timestamps.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void WriteRequests(Utf8JsonWriter w, IReadOnlyDictionary<string, string> requests)
    {
        w.WriteStartObject(QueueJsonNames.Requests);
        foreach (var (key, value) in requests.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }
}
