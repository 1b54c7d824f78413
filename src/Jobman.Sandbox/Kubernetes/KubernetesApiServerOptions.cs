namespace Jobman.Sandbox.Kubernetes;

/// <summary>Knobs of the double; defaults keep tests fast while every transition stays observable.</summary>
public sealed class KubernetesApiServerOptions
{
    /// <summary>Delay before a failed pod is replaced (real clusters: 10 s doubling up to 10 min).</summary>
    public TimeSpan PodRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a scheduled pod stays in ContainerCreating before its containers start.</summary>
    public TimeSpan ContainerCreatingDuration { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The job controller reconciles on every change and at least this often (deadlines, TTLs, retries).</summary>
    public TimeSpan ControllerResyncInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Node pods are scheduled to.</summary>
    public string NodeName { get; set; } = "sandbox-node-1";

    /// <summary>DNS names of the server certificate (default: <c>localhost</c>; set to prove host name checks).</summary>
    public IReadOnlyList<string>? ServerDnsNames { get; set; }

    /// <summary>IP addresses of the server certificate (default: 127.0.0.1 when no DNS names are chosen).</summary>
    public IReadOnlyList<System.Net.IPAddress>? ServerIpAddresses { get; set; }

    /// <summary>A path the API is served below (e.g. <c>/k8s/clusters/c-1</c>; no trailing slash), part of <see cref="KubernetesApiServer.BaseUri"/>.</summary>
    public string? PathPrefix { get; set; }

    /// <summary>
    /// Installs Kueue (kueue.x-k8s.io v1beta2/v1beta1 objects, the visibility API, its webhook and controllers);
    /// off, the cluster has no Kueue and those paths are 404 like on a cluster without the CRDs.
    /// </summary>
    public bool Kueue { get; set; }

    /// <summary>The version reported by <c>/version</c>.</summary>
    public string GitVersion { get; set; } = "v1.32.4";
}
