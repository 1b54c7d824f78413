using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// A throw-away CA, a server certificate it signed (for 127.0.0.1/localhost unless other SANs are chosen, so tests
/// can prove a host name mismatch is refused), and client certificates it issues for mTLS users, like a kind or
/// minikube cluster CA.
/// </summary>
internal sealed class TlsMaterial : IDisposable
{
    private readonly X509Certificate2 _ca;

    private TlsMaterial(X509Certificate2 ca, X509Certificate2 serverCertificate)
    {
        _ca = ca;
        ServerCertificate = serverCertificate;
        CaCertificatePem = ca.ExportCertificatePem() + "\n";
    }

    public X509Certificate2 ServerCertificate { get; }

    public string CaCertificatePem { get; }

    public static TlsMaterial Create(IReadOnlyList<string>? dnsNames = null, IReadOnlyList<IPAddress>? ipAddresses = null)
    {
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = DateTimeOffset.UtcNow.AddDays(2);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=jobman-test-kubernetes-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var ip in ipAddresses ?? (dnsNames is null ? [IPAddress.Loopback] : []))
        {
            san.AddIpAddress(ip);
        }

        foreach (var name in dnsNames ?? ["localhost"])
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var signed = request.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(serverKey);

        // Round-trip through PKCS#12 so the key is usable by the TLS stack on every platform.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return new TlsMaterial(ca, server);
    }

    /// <summary>Issues a client certificate for <paramref name="commonName"/> (the user name, as the API server reads it).</summary>
    public ClientCertificatePem IssueClientCertificate(string commonName, ClientKeyFormat format)
    {
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        using AsymmetricAlgorithm key = format == ClientKeyFormat.Ec ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var request = key is RSA rsa
            ? new CertificateRequest($"CN={commonName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={commonName}", (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        using var caKey = _ca.GetECDsaPrivateKey()!;
        using var signed = request.Create(_ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), notBefore, notBefore.AddDays(2), RandomNumberGenerator.GetBytes(16));
        var keyPem = format switch
        {
            ClientKeyFormat.RsaPkcs1 => ((RSA)key).ExportRSAPrivateKeyPem(),
            ClientKeyFormat.Ec => ((ECDsa)key).ExportECPrivateKeyPem(),
            _ => key.ExportPkcs8PrivateKeyPem(),
        };
        return new ClientCertificatePem(signed.ExportCertificatePem() + "\n", keyPem + "\n");
    }

    /// <summary>Whether <paramref name="certificate"/> was issued by this CA (what the API server's client-ca check does).</summary>
    public bool IssuedByCa(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public void Dispose()
    {
        ServerCertificate.Dispose();
        _ca.Dispose();
    }
}
