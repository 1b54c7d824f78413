namespace Jobman.Kubernetes.Kubeconfig;

/// <summary>A user's <c>exec</c> credential plugin.</summary>
/// <param name="ApiVersion">The ExecCredential version (<c>client.authentication.k8s.io/v1</c> or <c>v1beta1</c>).</param>
/// <param name="Command">The command; resolved against the kubeconfig's folder when relative with a slash.</param>
/// <param name="Args">Its arguments.</param>
/// <param name="Env">Extra environment variables.</param>
/// <param name="InstallHint">Shown when the plugin cannot be run.</param>
/// <param name="ProvideClusterInfo">Pass the cluster in <c>KUBERNETES_EXEC_INFO</c>.</param>
/// <param name="InteractiveMode"><c>Never</c>, <c>IfAvailable</c> or <c>Always</c> (null when not set).</param>
public sealed record ExecConfig(
    string ApiVersion,
    string Command,
    IReadOnlyList<string> Args,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    string? InstallHint,
    bool ProvideClusterInfo,
    string? InteractiveMode);
