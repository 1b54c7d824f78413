namespace Jobman.Core.Settings;

/// <summary>The <c>kubeConfig</c> settings of the original.</summary>
public sealed record KubeConfigSettings
{
    /// <summary><c>default</c> (KUBECONFIG, ~/.kube/config, in-cluster), <c>cluster</c> (in-cluster) or <c>file</c>.</summary>
    public string Type { get; init; } = "default";

    /// <summary>The kubeconfig path for type <c>file</c>.</summary>
    public string? File { get; init; }
}
