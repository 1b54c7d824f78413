using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Jobman.Core;
using Jobman.Core.Hosting;

namespace Jobman.Plugins.OciRegistry;

/// <summary>
/// Verifies the registry's certificate: the system trust store, plus the CAs of <c>ociRegistry.caBundle</c>, or
/// nothing at all with the explicit <c>insecure</c> opt-in. Remembers why a certificate was rejected so the error
/// line can say it.
/// </summary>
internal sealed class RegistryTlsPolicy
{
    private readonly X509Certificate2Collection? _bundle;
    private readonly bool _insecure;

    private RegistryTlsPolicy(X509Certificate2Collection? bundle, bool insecure)
    {
        _bundle = bundle;
        _insecure = insecure;
    }

    /// <summary>Why the last certificate was rejected (e.g. <c>UntrustedRoot</c>), for the error message.</summary>
    public string? LastRejection { get; private set; }

    public static RegistryTlsPolicy Create(OciRegistrySettings settings, Uri baseUri, JobmanEnvironment environment)
    {
        if (settings.Insecure)
        {
            if (baseUri.Scheme == Uri.UriSchemeHttps)
            {
                environment.Warn($"'{OciRegistrySettings.SectionName}.insecure' is true: the TLS certificate of {baseUri.GetLeftPart(UriPartial.Authority)} is NOT verified");
            }

            return new RegistryTlsPolicy(null, insecure: true);
        }

        if (settings.CaBundle is not { Length: > 0 } configured)
        {
            return new RegistryTlsPolicy(null, insecure: false);
        }

        var path = PathResolver.Resolve(configured, environment);
        if (!File.Exists(path))
        {
            throw JobmanException.Usage($"CA bundle '{path}' ('{OciRegistrySettings.SectionName}.caBundle') does not exist");
        }

        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPemFile(path);
        }
        catch (CryptographicException ex)
        {
            throw JobmanException.Usage($"CA bundle '{path}' ('{OciRegistrySettings.SectionName}.caBundle') is not a PEM certificate file: {ex.Message}", ex);
        }

        return bundle.Count == 0
            ? throw JobmanException.Usage($"CA bundle '{path}' ('{OciRegistrySettings.SectionName}.caBundle') contains no PEM certificate")
            : new RegistryTlsPolicy(bundle, insecure: false);
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_insecure || errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (_bundle is not null && certificate is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == 0)
        {
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(_bundle);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            if (custom.Build(leaf))
            {
                return true;
            }

            LastRejection = Describe(custom.ChainStatus, errors) + ", also with the configured CA bundle";
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
