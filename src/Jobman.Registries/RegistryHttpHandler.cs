using Jobman.Core.Hosting;
using Jobman.Http;

namespace Jobman.Registries;

/// <summary>
/// The connection handler every registry client uses, so a registry is reached the way the cluster is: the same
/// bounded connect/TLS-handshake timeout, environment proxies with Go's rules (loopback and <c>localhost</c> never
/// proxied, <c>NO_PROXY</c> names, suffixes and CIDRs; .NET's own reading of the variables differs) and the TLS policy.
/// </summary>
public static class RegistryHttpHandler
{
    /// <summary>Creates the handler.</summary>
    /// <param name="tls">Verification policy of the registry.</param>
    /// <param name="environment">Where the proxy variables are read.</param>
    /// <returns>A handler owned by the caller's HttpClient.</returns>
    public static SocketsHttpHandler Create(RegistryTls tls, JobmanEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(environment);
        var proxy = GoEnvironmentProxy.FromEnvironment(environment.GetVariable);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = RequestTimeout.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 16,
            UseProxy = proxy is not null,
            Proxy = proxy,
        };
        tls.Apply(handler);
        return handler;
    }
}
