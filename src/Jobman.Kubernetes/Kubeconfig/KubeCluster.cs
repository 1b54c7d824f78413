namespace Jobman.Kubernetes.Kubeconfig;

/// <summary>A <c>clusters[].cluster</c> entry; file paths are already absolute (resolved against the file that held them).</summary>
/// <param name="Name">Entry name.</param>
/// <param name="Server">API server URL.</param>
/// <param name="CertificateAuthorityFile">The <c>certificate-authority</c> file.</param>
/// <param name="CertificateAuthorityData">The <c>certificate-authority-data</c> (base64 PEM).</param>
/// <param name="InsecureSkipTlsVerify">The <c>insecure-skip-tls-verify</c> opt-out.</param>
/// <param name="TlsServerName">The <c>tls-server-name</c> used for SNI and verification.</param>
/// <param name="ProxyUrl">The <c>proxy-url</c> (http, https or socks5).</param>
/// <param name="ExecExtension">The <c>extensions[client.authentication.k8s.io/exec]</c> value as JSON, for exec plugins.</param>
public sealed record KubeCluster(
    string Name,
    string? Server,
    string? CertificateAuthorityFile,
    string? CertificateAuthorityData,
    bool InsecureSkipTlsVerify,
    string? TlsServerName,
    string? ProxyUrl,
    System.Text.Json.Nodes.JsonNode? ExecExtension);
