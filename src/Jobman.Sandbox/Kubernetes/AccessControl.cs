using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// Bearer tokens and the small RBAC model of the double: namespace editors, one cluster-wide reader role, and
/// explicit <see cref="AccessRule"/>s bound to one user or to every authenticated user (<c>system:authenticated</c>).
/// </summary>
internal sealed class AccessControl
{
    public const string AuthenticatedGroup = "system:authenticated";

    private readonly ConcurrentDictionary<string, UserAccount> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserAccount> _byCommonName = new(StringComparer.Ordinal);

    private readonly object _gate = new();
    private List<AccessRule> _authenticatedRules = [];

    /// <summary>A user: the namespaces it edits, whether it reads cluster-wide, verbs its role lacks everywhere
    /// (e.g. <c>watch</c>, as a narrower Role would), further rules and the groups it belongs to.</summary>
    internal sealed record UserAccount(string Name, IReadOnlySet<string> Namespaces, bool ClusterReader, IReadOnlySet<string>? DeniedVerbs = null)
    {
        public IReadOnlyList<AccessRule> Rules { get; init; } = [];

        public IReadOnlyList<string> Groups { get; init; } = [AuthenticatedGroup];
    }

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

    /// <summary>Binds rules to every authenticated user (a RoleBinding/ClusterRoleBinding to group system:authenticated).</summary>
    public void GrantAuthenticated(IEnumerable<AccessRule> rules)
    {
        lock (_gate)
        {
            _authenticatedRules = [.. _authenticatedRules, .. rules];
        }
    }

    /// <summary>
    /// Namespace users may do anything inside their namespaces (including reading the namespace object);
    /// the cluster reader may read jobs/pods/namespaces anywhere and read/write configmaps anywhere; then the
    /// user's own rules and the rules of system:authenticated.
    /// </summary>
    public bool IsAllowed(UserAccount user, AccessRequest request)
    {
        if (user.DeniedVerbs?.Contains(request.Verb) == true)
        {
            return false;
        }

        if (request.Namespace is not null && user.Namespaces.Contains(request.Namespace))
        {
            return true;
        }

        if (user.ClusterReader && IsClusterReaderRequest(request))
        {
            return true;
        }

        List<AccessRule> shared;
        lock (_gate)
        {
            shared = _authenticatedRules;
        }

        return user.Rules.Any(r => r.Allows(request)) || shared.Any(r => r.Allows(request));
    }

    private static bool IsClusterReaderRequest(AccessRequest request)
    {
        if (request.ApiGroup.Length == 0 && request.Resource == ResourceType.ConfigMaps.Plural)
        {
            return request.Verb is "get" or "list" or "watch" or "create" or "update" or "patch";
        }

        var served = ResourceType.Find(request.ApiGroup, request.Resource) is not null;
        return served && request.Subresource is null && request.Verb is "get" or "list" or "watch";
    }
}
