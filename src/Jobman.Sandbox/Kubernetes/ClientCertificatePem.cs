namespace Jobman.Sandbox.Kubernetes;

/// <summary>A client certificate and its key, in PEM, for a kubeconfig's <c>client-certificate[-data]</c> and <c>client-key[-data]</c>.</summary>
/// <param name="CertificatePem">The certificate.</param>
/// <param name="KeyPem">The private key.</param>
public sealed record ClientCertificatePem(string CertificatePem, string KeyPem);
