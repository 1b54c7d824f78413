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

    public static bool HasCondition(JsonObject? obj, string type) =>
        obj?["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => c!["type"]!.GetValue<string>() == type && c["status"]!.GetValue<string>() == "True");
}
