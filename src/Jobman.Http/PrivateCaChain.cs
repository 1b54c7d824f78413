using System.Security.Cryptography.X509Certificates;

namespace Jobman.Http;

/// <summary>Chain building against private CAs only (a kubeconfig's CA, a registry's CA bundle), never the system roots.</summary>
public static class PrivateCaChain
{
    /// <summary>Whether <paramref name="leaf"/> chains to one of <paramref name="roots"/>.</summary>
    /// <param name="leaf">The server certificate.</param>
    /// <param name="roots">The trusted CAs.</param>
    /// <param name="presented">The chain the TLS stack built (its intermediates are used).</param>
    /// <param name="problems">Why it does not, when it does not.</param>
    /// <returns>True when it chains.</returns>
    public static bool Verifies(X509Certificate2 leaf, X509Certificate2Collection roots, X509Chain? presented, out IReadOnlyList<string> problems)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var ok = custom.Build(leaf);
        problems = custom.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList();
        return ok;
    }
}
