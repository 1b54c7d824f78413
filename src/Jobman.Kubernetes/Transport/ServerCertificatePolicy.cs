using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Jobman.Http;

namespace Jobman.Kubernetes.Transport;

/// <summary>
/// Verifies the API server's certificate as client-go does: with a pinned CA (<c>certificate-authority[-data]</c>)
/// the chain must end at that CA and only that CA, else at a system root; in both cases the certificate must be
/// issued for the host name (SAN DNS names with a leftmost wildcard, or SAN IP addresses; the subject CN is not
/// used), which is <c>tls-server-name</c> when set. <c>insecure-skip-tls-verify</c> accepts anything.
/// Remembers why a certificate was refused, in Go's words, for the error line.
/// </summary>
public sealed class ServerCertificatePolicy
{
    private readonly X509Certificate2Collection? _pinned;
    private readonly bool _skipVerify;
    private readonly string _expectedName;

    /// <summary>Creates the policy.</summary>
    /// <param name="pinned">The kubeconfig's CA certificates, or null for the system roots.</param>
    /// <param name="skipVerify">Accept any certificate.</param>
    /// <param name="expectedName">The name the certificate must be issued for.</param>
    public ServerCertificatePolicy(X509Certificate2Collection? pinned, bool skipVerify, string expectedName)
    {
        _pinned = pinned;
        _skipVerify = skipVerify;
        _expectedName = expectedName;
    }

    /// <summary>Why the last certificate was refused, e.g. <c>x509: certificate is valid for kube.internal, not 127.0.0.1</c>.</summary>
    public string? LastRejection { get; private set; }

    /// <summary>
    /// How the TLS stack builds the server's chain before <see cref="Validate"/> reads its verdict: against the pinned
    /// CA alone, or against the system roots (null). Building it once against the pinned CA, rather than against the
    /// system roots and then again against the pinned CA, saved each connection a chain build (bench/RESULTS.md, issue 14).
    /// </summary>
    /// <returns>The policy to set as <see cref="SslClientAuthenticationOptions.CertificateChainPolicy"/>, or null.</returns>
    public X509ChainPolicy? ChainPolicy()
    {
        if (_pinned is null || _skipVerify)
        {
            return null;
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(_pinned);
        return policy;
    }

    /// <summary>The validation callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    /// <param name="sender">Unused.</param>
    /// <param name="certificate">The server's leaf certificate.</param>
    /// <param name="chain">The chain .NET built as <see cref="ChainPolicy"/> says.</param>
    /// <param name="errors">What .NET found wrong (a name mismatch is judged here instead, as Go does).</param>
    /// <returns>True when accepted.</returns>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_skipVerify)
        {
            return true;
        }

        if (certificate is null)
        {
            return Refuse("the server sent no certificate");
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (_pinned is not null)
        {
            // The chain was built against the pinned CA alone (ChainPolicy); a chain ending anywhere else fails.
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0 || !EndsAtPinned(leaf, chain))
            {
                return Refuse("x509: certificate signed by unknown authority (not the kubeconfig's certificate-authority)");
            }
        }
        else if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return Refuse($"x509: certificate signed by unknown authority ({string.Join(", ", chain?.ChainStatus.Select(s => s.Status).Distinct() ?? [])})");
        }

        // The messages are Go's (crypto/x509 HostnameError), so they read like kubectl's for the same certificate.
        return MatchesName(leaf, _expectedName, out var valid) || Refuse(
            IPAddress.TryParse(_expectedName.Trim('[', ']'), out _) && valid.Count == 0 ? $"x509: cannot validate certificate for {_expectedName} because it doesn't contain any IP SANs"
            : valid.Count == 0 ? $"x509: certificate is not valid for any names, but wanted to match {_expectedName}"
            : $"x509: certificate is valid for {string.Join(", ", valid)}, not {_expectedName}");
    }

    /// <summary>
    /// Whether the chain ends at a pinned CA: a second guard, should a caller ever leave out <see cref="ChainPolicy"/>
    /// (the chain would then end at any system root). Without a chain, one is built against the pinned CA here.
    /// </summary>
    private bool EndsAtPinned(X509Certificate2 leaf, X509Chain? chain)
    {
        if (chain is null || chain.ChainElements.Count == 0)
        {
            return PrivateCaChain.Verifies(leaf, _pinned!, null, out _);
        }

        var anchor = chain.ChainElements[chain.ChainElements.Count - 1].Certificate.RawDataMemory.Span;
        foreach (var ca in _pinned!)
        {
            if (ca.RawDataMemory.Span.SequenceEqual(anchor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Go's host name check (crypto/x509 VerifyHostname, without the legacy CN fallback).</summary>
    /// <param name="certificate">The leaf.</param>
    /// <param name="host">A DNS name or an IP address.</param>
    /// <param name="validFor">The names the certificate is valid for (for the message).</param>
    /// <returns>True on a match.</returns>
    public static bool MatchesName(X509Certificate2 certificate, string host, out List<string> validFor)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var dns = san?.EnumerateDnsNames().ToList() ?? [];
        var ips = san?.EnumerateIPAddresses().ToList() ?? [];
        var candidate = host.Trim('[', ']');
        if (IPAddress.TryParse(candidate, out var ip))
        {
            validFor = ips.Select(i => i.ToString()).ToList();
            return ips.Any(i => i.Equals(ip));
        }

        validFor = dns;
        var wanted = candidate.TrimEnd('.').ToLowerInvariant();
        return dns.Any(pattern => DnsMatches(pattern.ToLowerInvariant(), wanted));
    }

    private static bool DnsMatches(string pattern, string host)
    {
        if (pattern == host)
        {
            return true;
        }

        // A wildcard stands for exactly one leftmost label.
        if (pattern.StartsWith("*.", StringComparison.Ordinal) && host.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            return host[(dot + 1)..] == pattern[2..];
        }

        return false;
    }

    private bool Refuse(string reason)
    {
        LastRejection = reason;
        return false;
    }
}
