using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// What apiserver does to a Job on create before storing it: generated selector and the four job labels
/// (registry/batch/job/strategy.go), defaulting (apis/batch/v1/defaults.go, core pod defaults) and the validation
/// rules jobman can trip over (names, restartPolicy, containers).
/// </summary>
internal static partial class JobAdmission
{
    public const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z")]
    private static partial Regex Label();

    public static bool IsSubdomain(string name) => name.Length <= 253 && Subdomain().IsMatch(name);

    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>apiserver's SimpleNameGenerator: base truncated to 58 chars plus 5 random chars.</summary>
    public static string GenerateName(string prefix)
    {
        if (prefix.Length > 58)
        {
            prefix = prefix[..58];
        }

        var chars = new char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = NameAlphabet[Random.Shared.Next(NameAlphabet.Length)];
        }

        return prefix + new string(chars);
    }

    /// <summary>Validates and completes <paramref name="job"/> in place; throws 422 Invalid like apiserver.</summary>
    public static void Admit(JsonObject job, string ns)
    {
        var meta = KubeObjects.Metadata(job);
        var name = KubeObjects.Str(meta["name"]);
        if (string.IsNullOrEmpty(name) && KubeObjects.Str(meta["generateName"]) is { Length: > 0 } generate)
        {
            name = GenerateName(generate);
            meta["name"] = name;
        }

        if (string.IsNullOrEmpty(name))
        {
            throw StatusFactory.Invalid(ResourceType.Jobs, string.Empty,
                [new("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")]);
        }

        Validate(job, name);
        job.Remove("kind");
        job.Remove("apiVersion");
        meta["namespace"] = ns;
        var uid = KubeObjects.Str(meta["uid"]) ?? Guid.NewGuid().ToString();
        meta["uid"] = uid;
        meta["generation"] ??= 1;

        var spec = KubeObjects.Child(job, "spec");
        var template = KubeObjects.Child(spec, "template");
        var templateMeta = KubeObjects.Child(template, "metadata");
        var templateLabels = KubeObjects.Child(templateMeta, "labels");
        if (KubeObjects.Bool(spec["manualSelector"]) != true)
        {
            templateLabels["batch.kubernetes.io/controller-uid"] = uid;
            templateLabels["batch.kubernetes.io/job-name"] = name;
            templateLabels["controller-uid"] = uid;
            templateLabels["job-name"] = name;
            spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
        }

        SortKeys(templateLabels);
        if (meta["labels"] is not JsonObject { Count: > 0 })
        {
            meta["labels"] = templateLabels.DeepClone();
        }

        ApplySpecDefaults(spec);
        job["status"] ??= new JsonObject();
        KubeObjects.Canonicalize(job);
    }

    private static void Validate(JsonObject job, string name)
    {
        var causes = new List<StatusFactory.Cause>();
        if (name.Length > 253 || !Subdomain().IsMatch(name))
        {
            causes.Add(new("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": {SubdomainMessage}"));
        }
        else if (name.Length > 63)
        {
            causes.Add(new("FieldValueInvalid", "spec.template.labels",
                $"Invalid value: \"{name}\": must be no more than 63 characters"));
        }

        causes.AddRange(JobSpecValidation.Causes(job["spec"] as JsonObject));
        var podSpec = job["spec"]?["template"]?["spec"] as JsonObject;
        var restartPolicy = KubeObjects.Str(podSpec?["restartPolicy"]) ?? "Always";
        if (restartPolicy is not ("Never" or "OnFailure"))
        {
            causes.Add(new("FieldValueNotSupported", "spec.template.spec.restartPolicy",
                $"Unsupported value: \"{restartPolicy}\": supported values: \"OnFailure\", \"Never\""));
        }

        if (podSpec?["containers"] is not JsonArray { Count: > 0 } containers)
        {
            causes.Add(new("FieldValueRequired", "spec.template.spec.containers", "Required value"));
        }
        else
        {
            for (var i = 0; i < containers.Count; i++)
            {
                var container = containers[i] as JsonObject;
                var containerName = KubeObjects.Str(container?["name"]);
                if (string.IsNullOrEmpty(containerName))
                {
                    causes.Add(new("FieldValueRequired", $"spec.template.spec.containers[{i}].name", "Required value"));
                }
                else if (!Label().IsMatch(containerName) || containerName.Length > 63)
                {
                    causes.Add(new("FieldValueInvalid", $"spec.template.spec.containers[{i}].name",
                        $"Invalid value: \"{containerName}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
                }

                if (string.IsNullOrEmpty(KubeObjects.Str(container?["image"])))
                {
                    causes.Add(new("FieldValueRequired", $"spec.template.spec.containers[{i}].image", "Required value"));
                }
            }
        }

        if (JobSpecValidation.IndexedHostname(job["spec"] as JsonObject, name) is { } hostname)
        {
            causes.Add(hostname);
        }

        if (causes.Count > 0)
        {
            throw StatusFactory.Invalid(ResourceType.Jobs, name, causes);
        }
    }

    private static void ApplySpecDefaults(JsonObject spec)
    {
        var completionMode = KubeObjects.Str(spec["completionMode"]) ?? "NonIndexed";
        var ordered = new JsonObject
        {
            ["parallelism"] = spec["parallelism"]?.DeepClone() ?? 1,
            ["completions"] = spec["completions"]?.DeepClone() ?? 1,
        };
        foreach (var key in new[] { "activeDeadlineSeconds", "podFailurePolicy", "successPolicy" })
        {
            if (spec[key] is { } value)
            {
                ordered[key] = value.DeepClone();
            }
        }

        ordered["backoffLimit"] = spec["backoffLimit"]?.DeepClone() ?? (spec["backoffLimitPerIndex"] is null ? 6 : int.MaxValue);
        foreach (var (key, value) in spec.ToList())
        {
            if (!ordered.ContainsKey(key) && key is not ("completionMode" or "suspend" or "podReplacementPolicy"))
            {
                ordered[key] = value?.DeepClone();
            }
        }

        ordered["completionMode"] = completionMode;
        ordered["suspend"] = spec["suspend"]?.DeepClone() ?? false;
        ordered["podReplacementPolicy"] = spec["podReplacementPolicy"]?.DeepClone() ?? "TerminatingOrFailed";

        spec.Clear();
        foreach (var (key, value) in ordered.ToList())
        {
            ordered.Remove(key);
            spec[key] = value;
        }

        if (spec["template"]?["spec"] is JsonObject podSpec)
        {
            ApplyPodSpecDefaults(podSpec);
        }
    }

    /// <summary>Core pod-spec defaults that show up in every real Job/Pod read back from a cluster.</summary>
    public static void ApplyPodSpecDefaults(JsonObject podSpec)
    {
        podSpec["restartPolicy"] ??= "Always";
        podSpec["terminationGracePeriodSeconds"] ??= 30;
        podSpec["dnsPolicy"] ??= "ClusterFirst";
        podSpec["securityContext"] ??= new JsonObject();
        podSpec["schedulerName"] ??= "default-scheduler";
        foreach (var container in (podSpec["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            container["resources"] ??= new JsonObject();
            container["terminationMessagePath"] ??= "/dev/termination-log";
            container["terminationMessagePolicy"] ??= "File";
            if (container["imagePullPolicy"] is null)
            {
                var image = KubeObjects.Str(container["image"]) ?? string.Empty;
                var lastSegment = image[(image.LastIndexOf('/') + 1)..];
                var latest = !image.Contains('@') && (!lastSegment.Contains(':') || lastSegment.EndsWith(":latest", StringComparison.Ordinal));
                container["imagePullPolicy"] = latest ? "Always" : "IfNotPresent";
            }
        }
    }

    private static void SortKeys(JsonObject obj)
    {
        var entries = obj.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        obj.Clear();
        foreach (var (key, value) in entries)
        {
            obj[key] = value?.DeepClone();
        }
    }
}
