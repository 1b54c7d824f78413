using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Jobman.Core;
using Jobman.Http;

namespace Jobman.Registries;

/// <summary>
/// TLS verification for a registry: the system trust store, plus the private CAs of a PEM bundle setting, or nothing
/// at all with the explicit <c>insecure</c> opt-in (callers warn about it). Remembers why a certificate was rejected,
/// which .NET's own exception does not say, so the error line can.
/// </summary>
public sealed class RegistryTls
{
    private readonly X509Certificate2Collection? _bundle;
    private readonly bool _insecure;
    private readonly string _bundleSetting;

    private RegistryTls(X509Certificate2Collection? bundle, bool insecure, string bundleSetting)
    {
        _bundle = bundle;
        _insecure = insecure;
        _bundleSetting = bundleSetting;
    }

    /// <summary>Why the last certificate was rejected (e.g. <c>UntrustedRoot</c>), for the error message.</summary>
    public string? LastRejection { get; private set; }

    /// <summary>Reads the CA bundle, if any.</summary>
    /// <param name="caBundlePath">Full path of the PEM file, or null.</param>
    /// <param name="insecure">Skip verification entirely.</param>
    /// <param name="bundleSetting">The settings key of the bundle (e.g. <c>harbor.caBundle</c>), for messages.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="JobmanException">The bundle is missing or holds no certificate (exit code 2).</exception>
    public static RegistryTls Create(string? caBundlePath, bool insecure, string bundleSetting)
    {
        if (insecure || caBundlePath is null)
        {
            return new RegistryTls(null, insecure, bundleSetting);
        }

        if (!File.Exists(caBundlePath))
        {
            throw JobmanException.Usage($"CA bundle '{caBundlePath}' ({bundleSetting}) does not exist");
        }

        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPemFile(caBundlePath);
        }
        catch (CryptographicException ex)
        {
            throw JobmanException.Usage($"CA bundle '{caBundlePath}' ({bundleSetting}) is not a PEM certificate file: {ex.Message}", ex);
        }

        return bundle.Count == 0
            ? throw JobmanException.Usage($"CA bundle '{caBundlePath}' ({bundleSetting}) contains no PEM certificate")
            : new RegistryTls(bundle, insecure: false, bundleSetting);
    }

    /// <summary>Installs the policy on a handler.</summary>
    /// <param name="handler">The registry client's handler.</param>
    public void Apply(SocketsHttpHandler handler) => handler.SslOptions.RemoteCertificateValidationCallback = Validate;

    /// <summary>The certificate validation callback.</summary>
    /// <param name="sender">Unused.</param>
    /// <param name="certificate">The server certificate.</param>
    /// <param name="chain">The chain .NET built.</param>
    /// <param name="errors">What .NET found wrong.</param>
    /// <returns>True when the certificate is accepted.</returns>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_insecure || errors == SslPolicyErrors.None)
        {
            return true;
        }

        // A wrong host name or a missing certificate is never fixed by a CA bundle.
        if (_bundle is not null && certificate is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == 0)
        {
            var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            if (PrivateCaChain.Verifies(leaf, _bundle, chain, out var problems))
            {
                return true;
            }

            LastRejection = $"not signed by a CA of {_bundleSetting} ({(problems.Count > 0 ? string.Join(", ", problems) : errors.ToString())})";
            return false;
        }

        LastRejection = Describe(chain?.ChainStatus ?? [], errors);
        return false;
    }

    private static string Describe(X509ChainStatus[] statuses, SslPolicyErrors errors)
    {
        var details = statuses.Select(s => s.Status.ToString()).Distinct().ToList();
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            details.Insert(0, "issued for another host name");
        }

        return details.Count > 0 ? string.Join(", ", details) : errors.ToString();
    }
}
