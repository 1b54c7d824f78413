namespace Jobman.Sandbox.Kubernetes;

/// <summary>The PEM form of a client key, as the tools that write kubeconfigs produce them.</summary>
public enum ClientKeyFormat
{
    /// <summary>RSA, <c>BEGIN RSA PRIVATE KEY</c> (kubeadm, openssl genrsa).</summary>
    RsaPkcs1,

    /// <summary>RSA, <c>BEGIN PRIVATE KEY</c>.</summary>
    RsaPkcs8,

    /// <summary>ECDSA P-256, <c>BEGIN EC PRIVATE KEY</c> (kind, k3s).</summary>
    Ec,
}
