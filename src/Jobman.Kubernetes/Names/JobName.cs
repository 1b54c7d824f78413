using Jobman.Core;
using Jobman.Core.Commands;

namespace Jobman.Kubernetes.Names;

/// <summary>
/// A job name that is safe in a URL and valid for Kubernetes: a DNS-1123 label of at most 63 characters (the name
/// becomes a label value and the pods' name prefix). The only way to get one is <see cref="Parse"/>.
/// </summary>
public readonly record struct JobName
{
    /// <summary>The option every job command reads the job from.</summary>
    public const string Option = "job-name";

    private JobName(string value) => Value = value;

    /// <summary>The validated name.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="text"/>.</summary>
    /// <param name="text">What the user typed.</param>
    /// <param name="source">Where it came from, for the message.</param>
    /// <returns>The name.</returns>
    /// <exception cref="JobmanException">When it is not a valid job name (exit code 2).</exception>
    public static JobName Parse(string text, string source = "-j/--job-name")
    {
        var problem = KubernetesNameRules.PathSegmentProblem(text) ?? KubernetesNameRules.LabelProblem(text);
        return problem is null
            ? new JobName(text)
            : throw JobmanException.Usage($"job name '{text}' ({source}) is not valid: {problem} (e.g. 'train-model-2')");
    }

    /// <summary>The <c>-j/--job-name</c> value of <paramref name="invocation"/>, validated; null when not given.</summary>
    /// <param name="invocation">The command invocation.</param>
    /// <returns>The name or null.</returns>
    public static JobName? From(CommandInvocation invocation) => invocation.Value(Option) is { } text ? Parse(text) : null;

    /// <summary>Like <see cref="From"/> for commands where the option is required (the host enforces its presence).</summary>
    /// <param name="invocation">The command invocation.</param>
    /// <returns>The name.</returns>
    public static JobName Required(CommandInvocation invocation) =>
        From(invocation) ?? throw JobmanException.Usage("say which job with -j/--job-name NAME");

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
