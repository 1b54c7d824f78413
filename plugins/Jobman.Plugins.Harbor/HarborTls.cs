using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Jobman.Core;

namespace Jobman.Plugins.Harbor;

/// <summary>
/// TLS verification for Harbor: on by default with the system's trust store; <c>harbor.caBundle</c> adds
/// private CAs (PEM); <c>harbor.insecure</c> turns verification off (explicit opt-in, warned about every run).
/// </summary>
internal sealed class HarborTls
{
    private readonly X509Certificate2Collection? _bundle;
    private readonly bool _insecure;

    private HarborTls(X509Certificate2Collection? bundle, bool insecure)
    {
        _bundle = bundle;
        _insecure = insecure;
    }

    /// <summary>Why the last certificate was rejected, for the error message.</summary>
    public string? LastRejection { get; private set; }

    /// <summary>Reads the CA bundle, if any.</summary>
    /// <param name="caBundlePath">Full path of the PEM file, or null.</param>
    /// <param name="insecure">Skip verification entirely.</param>
    /// <returns>The TLS policy.</returns>
    /// <exception cref="JobmanException">The bundle is missing or holds no certificate (exit code 2).</exception>
    public static HarborTls Create(string? caBundlePath, bool insecure)
    {
        if (caBundlePath is null)
        {
            return new HarborTls(null, insecure);
        }

        if (!File.Exists(caBundlePath))
        {
            throw JobmanException.Usage($"CA bundle '{caBundlePath}' (harbor.caBundle) does not exist");
        }

        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPemFile(caBundlePath);
        }
        catch (CryptographicException ex)
        {
            throw JobmanException.Usage($"CA bundle '{caBundlePath}' (harbor.caBundle) is not a PEM certificate file: {ex.Message}");
        }

        return bundle.Count == 0
            ? throw JobmanException.Usage($"CA bundle '{caBundlePath}' (harbor.caBundle) contains no PEM certificate")
            : new HarborTls(bundle, insecure);
    }

    /// <summary>Applies the policy to the handler (only when it differs from the system default).</summary>
    /// <param name="handler">The handler of Harbor's HTTP client.</param>
    public void Apply(SocketsHttpHandler handler)
    {
        if (_insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (_bundle is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(certificate, chain, errors);
        }
    }

    private bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // A wrong host name or a missing certificate is never fixed by a CA bundle.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            LastRejection = errors.ToString();
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_bundle!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (custom.Build(leaf))
        {
            return true;
        }

        LastRejection = "not signed by a CA of harbor.caBundle (" + string.Join(", ", custom.ChainStatus.Select(s => s.Status).Distinct()) + ")";
        return false;
    }
}
