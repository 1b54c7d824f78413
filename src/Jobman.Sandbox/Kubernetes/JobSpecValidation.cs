using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// apiserver's validateJobSpec for the counters and the completion mode (pkg/apis/batch/validation): non-negative
/// counts, the Indexed-only fields (backoffLimitPerIndex, maxFailedIndexes) and their limits, with upstream's wording.
/// </summary>
internal static partial class JobSpecValidation
{
    private const int MaxParallelismForIndexedJob = 100_000;
    private const int MaxFailedIndexesForIndexedJob = 100_000;
    private const int CompletionsSoftLimit = 100_000;
    private const int ParallelismLimitForHighCompletions = 10_000;
    private const int MaxFailedIndexesLimitForHighCompletions = 10_000;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z")]
    private static partial Regex DnsLabel();

    public static IEnumerable<StatusFactory.Cause> Causes(JsonObject? spec)
    {
        spec ??= [];
        var parallelism = KubeObjects.Long(spec["parallelism"]);
        var completions = KubeObjects.Long(spec["completions"]);
        var backoffLimitPerIndex = KubeObjects.Long(spec["backoffLimitPerIndex"]);
        var maxFailedIndexes = KubeObjects.Long(spec["maxFailedIndexes"]);
        foreach (var field in new[] { "parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes" })
        {
            if (KubeObjects.Long(spec[field]) is < 0 and var negative)
            {
                yield return Invalid(field, negative, "must be greater than or equal to 0");
            }
        }

        if (maxFailedIndexes is not null && backoffLimitPerIndex is null)
        {
            yield return new("FieldValueRequired", "spec.backoffLimitPerIndex", "Required value: when maxFailedIndexes is specified");
        }

        var mode = KubeObjects.Str(spec["completionMode"]);
        if (mode is not (null or "NonIndexed" or "Indexed"))
        {
            yield return new("FieldValueNotSupported", "spec.completionMode", $"Unsupported value: \"{mode}\": supported values: \"NonIndexed\", \"Indexed\"");
        }

        if (mode == "Indexed")
        {
            if (completions is null)
            {
                yield return new("FieldValueRequired", "spec.completions", "Required value: when completion mode is Indexed");
            }

            if (parallelism > MaxParallelismForIndexedJob)
            {
                yield return Invalid("parallelism", parallelism, $"must be less than or equal to {MaxParallelismForIndexedJob} when completion mode is Indexed");
            }

            if (maxFailedIndexes > completions)
            {
                yield return Invalid("maxFailedIndexes", maxFailedIndexes, "must be less than or equal to completions");
            }

            if (maxFailedIndexes > MaxFailedIndexesForIndexedJob)
            {
                yield return Invalid("maxFailedIndexes", maxFailedIndexes, $"must be less than or equal to {MaxFailedIndexesForIndexedJob}");
            }

            if (completions > CompletionsSoftLimit && backoffLimitPerIndex is not null)
            {
                const string HighCompletions = "when completions are above 100000 and used with backoff limit per index";
                if (maxFailedIndexes is null)
                {
                    yield return new("FieldValueRequired", "spec.maxFailedIndexes", $"Required value: must be specified when completions is above {CompletionsSoftLimit}");
                }

                if (parallelism > ParallelismLimitForHighCompletions)
                {
                    yield return Invalid("parallelism", parallelism, $"must be less than or equal to {ParallelismLimitForHighCompletions} {HighCompletions}");
                }

                if (maxFailedIndexes > MaxFailedIndexesLimitForHighCompletions)
                {
                    yield return Invalid("maxFailedIndexes", maxFailedIndexes, $"must be less than or equal to {MaxFailedIndexesLimitForHighCompletions} {HighCompletions}");
                }
            }
        }
        else
        {
            if (backoffLimitPerIndex is not null)
            {
                yield return Invalid("backoffLimitPerIndex", backoffLimitPerIndex, "requires indexed completion mode");
            }

            if (maxFailedIndexes is not null)
            {
                yield return Invalid("maxFailedIndexes", maxFailedIndexes, "requires indexed completion mode");
            }
        }
    }

    /// <summary>ValidateJob's last rule: the controller names each Indexed pod's host "&lt;job&gt;-&lt;index&gt;", which must stay a DNS label.</summary>
    public static StatusFactory.Cause? IndexedHostname(JsonObject? spec, string name)
    {
        var completions = KubeObjects.Long(spec?["completions"]);
        if (KubeObjects.Str(spec?["completionMode"]) != "Indexed" || completions is not > 0)
        {
            return null;
        }

        var hostname = $"{name}-{completions - 1}";
        return hostname.Length <= 63 && DnsLabel().IsMatch(hostname)
            ? null
            : new("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": will not able to create pod with invalid DNS label: {hostname}");
    }

    /// <summary>
    /// validateCompletions on update: completions is immutable, except that an Indexed job may change it together
    /// with parallelism (elastic Indexed Jobs, GA in 1.31) when both end up equal.
    /// </summary>
    public static StatusFactory.Cause? CompletionsUpdate(JsonObject oldSpec, JsonObject newSpec)
    {
        var oldValue = KubeObjects.Long(oldSpec["completions"]) ?? 1;
        var newValue = KubeObjects.Long(newSpec["completions"]) ?? 1;
        if (oldValue == newValue)
        {
            return null;
        }

        if ((KubeObjects.Str(newSpec["completionMode"]) ?? "NonIndexed") != "Indexed")
        {
            return Invalid("completions", newValue, "field is immutable");
        }

        var parallelism = KubeObjects.Long(newSpec["parallelism"]) ?? 1;
        return parallelism == newValue ? null : Invalid("completions", newValue, "can only be modified in tandem with spec.parallelism");
    }

    private static StatusFactory.Cause Invalid(string field, long? value, string detail) =>
        new("FieldValueInvalid", $"spec.{field}", $"Invalid value: {value}: {detail}");
}
