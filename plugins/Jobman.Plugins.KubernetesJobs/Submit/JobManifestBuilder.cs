using Jobman.Core;
using Jobman.Kubernetes;
using k8s;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Submit;

/// <summary>Builds the complete batch/v1 Job for a <see cref="JobRequest"/> (also what <c>--dry-run</c> prints).</summary>
internal static class JobManifestBuilder
{
    public const string ContainerName = "main";

    /// <summary>Checks the flavor's quantities, so a bad flavor fails before any request.</summary>
    public static void ValidateFlavor(Jobman.Core.Flavors.ResourceFlavor flavor)
    {
        _ = Quantities(flavor.Requests);
        _ = Quantities(flavor.Limits);
    }

    public static V1Job Build(JobRequest request)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.FlavorAnnotationKey is not null && request.Flavor.Name.Length > 0)
        {
            annotations[request.FlavorAnnotationKey] = request.Flavor.Name;
        }

        foreach (var (key, value) in request.Annotations)
        {
            annotations[key] = value;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Labels)
        {
            labels[key] = value;
        }

        labels[JobLabels.ManagedBy] = JobLabels.ManagedByValue;
        if (request.KueueQueue is { } queue)
        {
            labels[JobLabels.KueueQueueName] = queue;
        }

        if (request.KueuePriority is { } priority)
        {
            labels[JobLabels.KueuePriorityClass] = priority;
        }
        var flavorLabel = LabelRules.ToLabelValue(request.Flavor.Name);
        if (flavorLabel.Length > 0)
        {
            labels[JobLabels.Flavor] = flavorLabel;
        }

        var container = new V1Container
        {
            Name = ContainerName,
            Image = request.Image,
            Resources = Resources(request.Flavor),
            Env = request.Environment.Count == 0 ? null : request.Environment.Select(e => new V1EnvVar { Name = e.Key, Value = e.Value }).ToList(),
        };
        if (request.Command.Count > 0)
        {
            if (request.ReplaceEntrypoint)
            {
                container.Command = request.Command.ToList();
            }
            else
            {
                container.Args = request.Command.ToList();
            }
        }

        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = request.Name,
                NamespaceProperty = request.Namespace,
                Labels = labels,
                Annotations = annotations.Count == 0 ? null : annotations,
            },
            Spec = new V1JobSpec
            {
                BackoffLimit = request.BackoffLimit,
                // Kueue admits a queued Job by unsuspending it; created running, it would start outside the quota.
                Suspend = request.KueueQueue is null ? null : true,
                TtlSecondsAfterFinished = request.TtlSecondsAfterFinished,
                ActiveDeadlineSeconds = request.ActiveDeadlineSeconds,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal) },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        PriorityClassName = request.PriorityClassName,
                        SecurityContext = SecurityContext(request),
                        Containers = [container],
                    },
                },
            },
        };
    }

    /// <summary>The container resources of a flavor (checked: a bad quantity is a usage error).</summary>
    public static V1ResourceRequirements Resources(Jobman.Core.Flavors.ResourceFlavor flavor) => new()
    {
        Requests = Quantities(flavor.Requests),
        Limits = Quantities(flavor.Limits),
    };

    private static V1PodSecurityContext? SecurityContext(JobRequest request)
    {
        var context = request.SecurityContextJson is null ? null : KubernetesJson.Deserialize<V1PodSecurityContext>(request.SecurityContextJson);
        if (request.SupplementalGroup is { } gid)
        {
            context ??= new V1PodSecurityContext();
            context.SupplementalGroups = [gid];
        }

        return context;
    }

    private static Dictionary<string, ResourceQuantity>? Quantities(IReadOnlyDictionary<string, string> values) =>
        values.Count == 0 ? null : values.ToDictionary(kv => kv.Key, kv => Quantity(kv.Key, kv.Value), StringComparer.Ordinal);

    private static ResourceQuantity Quantity(string resource, string value)
    {
        try
        {
            var quantity = new ResourceQuantity(value);
            _ = quantity.ToString();
            return quantity;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            throw JobmanException.Usage($"resources flavor: '{value}' is not a Kubernetes quantity for '{resource}' (e.g. 500m, 2, 4Gi)", ex);
        }
    }
}
