namespace Jobman.Kubernetes.Kubeconfig;

/// <summary>A <c>users[].user</c> entry; file paths are already absolute.</summary>
/// <param name="Name">Entry name.</param>
/// <param name="Token">Bearer token.</param>
/// <param name="TokenFile">File holding the bearer token (re-read when it changes).</param>
/// <param name="ClientCertificateFile">Client certificate file (PEM).</param>
/// <param name="ClientCertificateData">Client certificate (base64 PEM).</param>
/// <param name="ClientKeyFile">Client key file (PEM: PKCS#1, PKCS#8 or EC).</param>
/// <param name="ClientKeyData">Client key (base64 PEM).</param>
/// <param name="Username">Basic-auth user.</param>
/// <param name="Password">Basic-auth password.</param>
/// <param name="Exec">Exec credential plugin.</param>
/// <param name="Unsupported">Keys jobman cannot honour (e.g. <c>auth-provider</c>, <c>as</c>); refused, never ignored.</param>
public sealed record KubeUser(
    string Name,
    string? Token,
    string? TokenFile,
    string? ClientCertificateFile,
    string? ClientCertificateData,
    string? ClientKeyFile,
    string? ClientKeyData,
    string? Username,
    string? Password,
    ExecConfig? Exec,
    IReadOnlyList<string> Unsupported)
{
    /// <summary>Whether a client certificate is configured (file or data).</summary>
    public bool HasClientCertificate => (ClientCertificateFile ?? ClientCertificateData) is not null;
}
