using System.Text.Json.Nodes;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>Job manifests and status checks shared by the Kubernetes double's tests.</summary>
public static class TestJobs
{
    public static bool IsComplete(JsonObject? job) =>
        job?["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => c!["type"]!.GetValue<string>() == "Complete" && c["status"]!.GetValue<string>() == "True");

    public static JsonObject Job(string name, string script, int? backoffLimit = null)
    {
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "Never",
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "main",
                            ["image"] = "registry.example.test/tools/shell:1.0",
                            ["command"] = new JsonArray("/bin/sh", "-c", script),
                        }),
                    },
                },
            },
        };
        if (backoffLimit is not null)
        {
            job["spec"]!["backoffLimit"] = backoffLimit;
        }

        return job;
    }

    /// <summary>An Indexed Job running <paramref name="script"/> (which sees <c>$JOB_COMPLETION_INDEX</c>) per index.</summary>
    public static JsonObject Indexed(string name, string script, int completions, int parallelism, int? backoffLimitPerIndex = null, int? maxFailedIndexes = null)
    {
        var job = Job(name, script);
        var spec = job["spec"]!.AsObject();
        spec["completions"] = completions;
        spec["parallelism"] = parallelism;
        spec["completionMode"] = "Indexed";
        if (backoffLimitPerIndex is not null)
        {
            spec["backoffLimitPerIndex"] = backoffLimitPerIndex;
        }

        if (maxFailedIndexes is not null)
        {
            spec["maxFailedIndexes"] = maxFailedIndexes;
        }

        return job;
    }

    /// <summary>The completion index of a pod the Job controller created (its annotation).</summary>
    public static int IndexOf(JsonNode pod) =>
        int.Parse(pod["metadata"]!["annotations"]!["batch.kubernetes.io/job-completion-index"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject? Condition(JsonObject? obj, string type) =>
        (obj?["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]!.GetValue<string>() == type);

    public static bool HasCondition(JsonObject? obj, string type) =>
        obj?["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => c!["type"]!.GetValue<string>() == type && c["status"]!.GetValue<string>() == "True");
}
