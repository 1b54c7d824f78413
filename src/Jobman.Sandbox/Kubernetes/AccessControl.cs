using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Bearer tokens and the small RBAC model of the double: namespace editors and one cluster-wide reader role.</summary>
internal sealed class AccessControl
{
    private readonly ConcurrentDictionary<string, UserAccount> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserAccount> _byCommonName = new(StringComparer.Ordinal);

    /// <summary>A user: the namespaces it edits, whether it reads cluster-wide, and verbs its role lacks everywhere
    /// (e.g. <c>watch</c>, as a narrower Role would).</summary>
    internal sealed record UserAccount(string Name, IReadOnlySet<string> Namespaces, bool ClusterReader, IReadOnlySet<string>? DeniedVerbs = null);

    public string Issue(UserAccount account)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _byToken[token] = account;
        return token;
    }

    /// <summary>A user known by the common name of a client certificate the CA issued (the API server's x509 authenticator).</summary>
    public void AddCertificateUser(string commonName, UserAccount account) => _byCommonName[commonName] = account;

    public UserAccount? AuthenticateCertificate(string? commonName) =>
        commonName is null ? null : _byCommonName.GetValueOrDefault(commonName);

    public UserAccount? Authenticate(string? authorizationHeader)
    {
        const string prefix = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return _byToken.GetValueOrDefault(authorizationHeader[prefix.Length..].Trim());
    }

    /// <summary>
    /// Namespace users may do anything inside their namespaces (including reading the namespace object);
    /// the cluster reader may read jobs/pods/namespaces anywhere and read/write configmaps anywhere.
    /// </summary>
    public static bool IsAllowed(UserAccount user, string verb, ResourceType type, string? subresource, string? ns)
    {
        if (user.DeniedVerbs?.Contains(verb) == true)
        {
            return false;
        }

        if (ns is not null && user.Namespaces.Contains(ns))
        {
            return true;
        }

        if (!user.ClusterReader)
        {
            return false;
        }

        if (type == ResourceType.ConfigMaps)
        {
            return verb is "get" or "list" or "watch" or "create" or "update" or "patch";
        }

        return subresource is null && verb is "get" or "list" or "watch";
    }
}
