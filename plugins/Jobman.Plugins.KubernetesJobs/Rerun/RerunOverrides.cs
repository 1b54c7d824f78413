using Jobman.Core.Flavors;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Submit;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Rerun;

/// <summary>What a rerun changes in the job it copies; null or empty: keep it as it was.</summary>
internal sealed record RerunOverrides
{
    public string? Image { get; init; }

    public ResourceFlavor? Flavor { get; init; }

    /// <summary>Settings <c>job.resources.label</c>: the annotation that names the flavor.</summary>
    public string? FlavorAnnotationKey { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>Tokens after <c>--</c>: the container's arguments, or with <see cref="ReplaceEntrypoint"/> its command.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    public bool ReplaceEntrypoint { get; init; }

    /// <summary>Retries (<c>backoffLimit</c>; per task for arrays, applied by the array plan).</summary>
    public int? Retries { get; init; }

    /// <summary>Applies the overrides to the job's first container and its labels.</summary>
    public void ApplyTo(V1Job job)
    {
        var template = job.Spec.Template;
        var container = template.Spec.Containers[0];
        if (Image is not null)
        {
            container.Image = Image;
        }

        if (Flavor is not null)
        {
            container.Resources = JobManifestBuilder.Resources(Flavor);
            var label = LabelRules.ToLabelValue(Flavor.Name);
            SetLabel(job, JobLabels.Flavor, label.Length > 0 ? label : null);
            // The old name must not linger where list reads the flavor first.
            job.Metadata.Annotations.Remove(JobLabels.LegacyFlavorAnnotation);
            if (FlavorAnnotationKey is not null)
            {
                job.Metadata.Annotations[FlavorAnnotationKey] = Flavor.Name;
            }
        }

        foreach (var (name, value) in Environment)
        {
            container.Env ??= [];
            container.Env = container.Env.Where(e => e.Name != name).Append(new V1EnvVar { Name = name, Value = value }).ToList();
        }

        foreach (var (key, value) in Labels)
        {
            SetLabel(job, key, value);
        }

        // An array's plan moves this to backoffLimitPerIndex.
        if (Retries is { } retries)
        {
            job.Spec.BackoffLimit = retries;
        }

        if (Command.Count > 0)
        {
            if (ReplaceEntrypoint)
            {
                container.Command = Command.ToList();
                container.Args = null;
            }
            else
            {
                container.Args = Command.ToList();
            }
        }
    }

    private static void SetLabel(V1Job job, string key, string? value)
    {
        foreach (var labels in new[] { job.Metadata.Labels, job.Spec.Template.Metadata.Labels })
        {
            if (value is null)
            {
                labels.Remove(key);
            }
            else
            {
                labels[key] = value;
            }
        }
    }
}
