using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Jobman.Kubernetes.Transport;

namespace Jobman.Kubernetes.Tests;

/// <summary>
/// With a pinned CA the TLS stack builds the server's chain against that CA alone and the policy reads its verdict;
/// a chain that ends anywhere else is refused even when the stack reported no error (a caller that left the chain
/// policy out). Real certificates and chains, no TLS connection.
/// </summary>
public class ServerCertificatePolicyTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Test]
    public void The_chain_policy_trusts_the_pinned_ca_alone()
    {
        using var ca = Authority("pinned");

        var policy = new ServerCertificatePolicy([ca], skipVerify: false, "kube.internal").ChainPolicy();

        policy.Should().NotBeNull();
        policy!.TrustMode.Should().Be(X509ChainTrustMode.CustomRootTrust);
        policy.CustomTrustStore.Cast<X509Certificate2>().Select(c => c.Thumbprint).Should().Equal(ca.Thumbprint);
        new ServerCertificatePolicy(null, skipVerify: false, "kube.internal").ChainPolicy().Should().BeNull("without a pinned CA the system roots decide");
        new ServerCertificatePolicy([ca], skipVerify: true, "kube.internal").ChainPolicy().Should().BeNull("nothing is verified");
    }

    [Test]
    public void A_chain_to_the_pinned_ca_is_accepted_for_the_right_name_only()
    {
        using var ca = Authority("pinned");
        using var leaf = Leaf(ca, "kube.internal");
        var policy = new ServerCertificatePolicy([ca], skipVerify: false, "kube.internal");
        using var chain = Chain(leaf, policy.ChainPolicy()!);

        policy.Validate(this, leaf, chain, SslPolicyErrors.None).Should().BeTrue();
        policy.Validate(this, leaf, chain, SslPolicyErrors.RemoteCertificateNameMismatch).Should().BeTrue("the name is judged as Go does");

        var other = new ServerCertificatePolicy([ca], skipVerify: false, "other.internal");
        other.Validate(this, leaf, chain, SslPolicyErrors.None).Should().BeFalse();
        other.LastRejection.Should().Be("x509: certificate is valid for kube.internal, not other.internal");
    }

    [Test]
    public void A_chain_error_from_the_tls_stack_is_refused()
    {
        using var ca = Authority("pinned");
        using var leaf = Leaf(ca, "kube.internal");
        var policy = new ServerCertificatePolicy([ca], skipVerify: false, "kube.internal");
        using var chain = Chain(leaf, policy.ChainPolicy()!);

        policy.Validate(this, leaf, chain, SslPolicyErrors.RemoteCertificateChainErrors).Should().BeFalse();
        policy.LastRejection.Should().Be("x509: certificate signed by unknown authority (not the kubeconfig's certificate-authority)");
    }

    [Test]
    public void A_chain_ending_at_another_ca_is_refused_even_without_a_reported_error()
    {
        using var pinned = Authority("pinned");
        using var other = Authority("other");
        using var leaf = Leaf(other, "kube.internal");
        var policy = new ServerCertificatePolicy([pinned], skipVerify: false, "kube.internal");
        var otherTrust = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        otherTrust.CustomTrustStore.Add(other);
        using var chain = Chain(leaf, otherTrust);

        policy.Validate(this, leaf, chain, SslPolicyErrors.None).Should().BeFalse();
        policy.LastRejection.Should().Contain("not the kubeconfig's certificate-authority");
        policy.Validate(this, leaf, null, SslPolicyErrors.None).Should().BeFalse("without a chain one is built against the pinned CA");
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
    }

    private static X509Certificate2 Leaf(X509Certificate2 issuer, string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        using var withoutKey = request.Create(issuer, Now.AddDays(-1), Now.AddDays(10), [1, 2, 3, 4]);
        return X509CertificateLoader.LoadCertificate(withoutKey.RawData);
    }

    private static X509Chain Chain(X509Certificate2 leaf, X509ChainPolicy policy)
    {
        var chain = new X509Chain { ChainPolicy = policy };
        chain.Build(leaf).Should().BeTrue(string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
        return chain;
    }
}
