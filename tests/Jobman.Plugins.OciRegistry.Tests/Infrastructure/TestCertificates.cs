using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>Self-signed certificates for the TLS registry and the token signer, generated per run.</summary>
internal static class TestCertificates
{
    /// <summary>A self-signed RSA certificate valid for 127.0.0.1 and localhost, usable as its own trust anchor.</summary>
    public static X509Certificate2 SelfSigned(string commonName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());

        // Go (the registry) rejects negative serial numbers: keep the top bit clear.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(
            request.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1), now.AddDays(-1), now.AddDays(2), serial);
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>Writes the certificate and its private key (PKCS#8) as PEM files.</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var certPath = Path.Combine(folder, name + ".crt");
        var keyPath = Path.Combine(folder, name + ".key");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }
}
