using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// apiserver's ValidateJobSpecUpdate: the spec rules of a create (<see cref="JobSpecValidation"/>), then the fields of
/// a Job that cannot change after create (completions — except an Indexed job's, in tandem with parallelism —,
/// selector, completionMode, podFailurePolicy, successPolicy, backoffLimitPerIndex, managedBy and the pod template),
/// each refused with 422 <c>Invalid value: ...: field is immutable</c>. The template of a suspended job that never
/// started may change its scheduling directives (labels, annotations, nodeSelector, tolerations, affinity, schedulingGates).
/// </summary>
internal static class JobUpdateValidation
{
    private const string Immutable = "field is immutable";

    private static readonly string[] ScalarFields = ["completionMode", "backoffLimitPerIndex", "managedBy"];
    private static readonly string[] ObjectFields = ["selector", "podFailurePolicy", "successPolicy"];

    /// <summary>Throws 422 when <paramref name="newSpec"/> changes an immutable field of <paramref name="live"/>.</summary>
    public static void CheckUpdate(JsonObject live, JsonObject newSpec)
    {
        var name = KubeObjects.Name(live) ?? string.Empty;
        var oldSpec = live["spec"] as JsonObject ?? [];
        var causes = JobSpecValidation.Causes(newSpec).ToList();
        if (JobSpecValidation.CompletionsUpdate(oldSpec, newSpec) is { } completions)
        {
            causes.Add(completions);
        }

        foreach (var field in ScalarFields)
        {
            var oldValue = Defaulted(oldSpec, field);
            var newValue = Defaulted(newSpec, field);
            if (!JsonNode.DeepEquals(oldValue, newValue))
            {
                causes.Add(new("FieldValueInvalid", $"spec.{field}", $"Invalid value: {GoValue(newValue)}: {Immutable}"));
            }
        }

        foreach (var field in ObjectFields)
        {
            // A body without the (server-generated) selector keeps it, as the update strategy does.
            if (newSpec[field] is { } newValue && !JsonNode.DeepEquals(oldSpec[field], newValue))
            {
                causes.Add(new("FieldValueInvalid", $"spec.{field}", $"Invalid value: {GoStructName(field)}{{...}}: {Immutable}"));
            }
        }

        if (TemplateChanged(live, oldSpec, newSpec))
        {
            // Upstream prints the whole Go struct (%#v) here; the double abbreviates it.
            causes.Add(new("FieldValueInvalid", "spec.template", $"Invalid value: core.PodTemplateSpec{{...}}: {Immutable}"));
        }

        if (causes.Count > 0)
        {
            throw StatusFactory.Invalid(ResourceType.Jobs, name, causes);
        }
    }

    private static bool TemplateChanged(JsonObject live, JsonObject oldSpec, JsonObject newSpec)
    {
        var oldTemplate = Normalized(oldSpec["template"]);
        var newTemplate = Normalized(newSpec["template"]);
        var neverStarted = live["status"]?["startTime"] is null && KubeObjects.Bool(oldSpec["suspend"]) == true;
        if (neverStarted)
        {
            foreach (var template in new[] { oldTemplate, newTemplate })
            {
                KubeObjects.Metadata(template).Remove("labels");
                KubeObjects.Metadata(template).Remove("annotations");
                var podSpec = KubeObjects.Child(template, "spec");
                foreach (var key in new[] { "nodeSelector", "tolerations", "affinity", "schedulingGates" })
                {
                    podSpec.Remove(key);
                }
            }
        }

        return !JsonNode.DeepEquals(oldTemplate, newTemplate);
    }

    /// <summary>The template with apiserver's pod-spec defaults, so a body that omits defaulted fields compares equal.</summary>
    private static JsonObject Normalized(JsonNode? template)
    {
        var copy = template?.DeepClone() as JsonObject ?? [];
        JobAdmission.ApplyPodSpecDefaults(KubeObjects.Child(copy, "spec"));
        var meta = KubeObjects.Metadata(copy);
        foreach (var (key, value) in meta.ToList())
        {
            if (value is null || (value is JsonObject { Count: 0 }))
            {
                meta.Remove(key);
            }
        }

        return copy;
    }

    private static JsonNode? Defaulted(JsonObject spec, string field) => spec[field]?.DeepClone() ?? field switch
    {
        "completionMode" => JsonValue.Create("NonIndexed"),
        _ => null,
    };

    /// <summary>field.Error's value rendering: numbers and booleans as is, strings quoted, nil as null.</summary>
    private static string GoValue(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => $"\"{s}\"",
        _ => value.ToJsonString(),
    };

    private static string GoStructName(string field) => field switch
    {
        "selector" => "v1.LabelSelector",
        "podFailurePolicy" => "batch.PodFailurePolicy",
        _ => "batch.SuccessPolicy",
    };
}
