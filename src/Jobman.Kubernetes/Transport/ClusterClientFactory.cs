using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Jobman.Core;
using Jobman.Core.Files;
using Jobman.Core.Hosting;
using Jobman.Http;

namespace Jobman.Kubernetes.Transport;

/// <summary>
/// Builds the API client for a <see cref="ClusterTarget"/> with jobman's own transport: KubernetesClient checks a
/// pinned CA's chain but not the host name and turns <c>tls-server-name</c> into nothing more than a Host header, so
/// TLS, client certificates, credentials, proxies and timeouts are set up here and KubernetesClient only gets the URL.
/// </summary>
public static class ClusterClientFactory
{
    /// <summary>Creates the connection.</summary>
    /// <param name="target">Cluster, user and namespace.</param>
    /// <param name="requestTimeout">kubectl's <c>--request-timeout</c>; null for none.</param>
    /// <param name="environment">Environment variables (proxies, PATH for exec plugins).</param>
    /// <returns>The connection.</returns>
    /// <exception cref="JobmanException">Unusable TLS or credential settings (exit code 2).</exception>
    public static ClusterConnection Create(ClusterTarget target, TimeSpan? requestTimeout, JobmanEnvironment environment)
    {
        var cluster = target.Cluster;
        if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw JobmanException.Usage($"cluster '{cluster.Name}' has an invalid server URL '{cluster.Server}' ({target.Origin})");
        }

        server = Unspecified(server);
        var pinned = CertificateAuthority(cluster, target.Origin);
        if (pinned is not null && cluster.InsecureSkipTlsVerify)
        {
            // client-go refuses this pair rather than guessing which one was meant.
            throw JobmanException.Usage($"cluster '{cluster.Name}' ({target.Origin}): specifying a root certificates file with the insecure flag is not allowed");
        }

        ServerCertificatePolicy? tls = server.Scheme == Uri.UriSchemeHttps
            ? new ServerCertificatePolicy(pinned, cluster.InsecureSkipTlsVerify, cluster.TlsServerName ?? server.IdnHost)
            : null;
        var clientCertificate = ClientCertificate(target);
        var proxy = Proxy(cluster, environment, target.Origin);
        var credential = Credential(target, environment);

        var sockets = new SocketsHttpHandler
        {
            ConnectTimeout = RequestTimeout.ConnectTimeout,
            UseProxy = proxy is not null,
            Proxy = proxy,

            // As KubernetesClient's own handler: HTTP/2 pings keep a long watch or followed log alive through proxies
            // that drop idle connections, and notice a dead server.
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromMinutes(3),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        if (tls is not null)
        {
            sockets.SslOptions.CertificateChainPolicy = tls.ChainPolicy();
            sockets.SslOptions.RemoteCertificateValidationCallback = tls.Validate;
        }

        if (clientCertificate is not null)
        {
            sockets.SslOptions.ClientCertificates = [clientCertificate];
            sockets.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        var pipeline = new ClusterRequestHandler(credential, cluster.TlsServerName, requestTimeout) { InnerHandler = sockets };

        // Timeouts are the request's own (--request-timeout, the caller's token): a followed log may last hours.
        var http = new HttpClient(pipeline) { Timeout = Timeout.InfiniteTimeSpan };
        return new ClusterConnection(new ApiEndpoint(http, server), pipeline, target.Namespace, cluster.Server!, target.User.Name, tls);
    }

    /// <summary>client-go dials loopback for 0.0.0.0 and [::].</summary>
    private static Uri Unspecified(Uri server) =>
        IPAddress.TryParse(server.IdnHost.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? new UriBuilder(server) { Host = ip.Equals(IPAddress.Any) ? "127.0.0.1" : "[::1]" }.Uri
            : server;

    private static X509Certificate2Collection? CertificateAuthority(Kubeconfig.KubeCluster cluster, string origin)
    {
        string pem;
        if (cluster.CertificateAuthorityData is { } data)
        {
            pem = Decode(data, $"certificate-authority-data of cluster '{cluster.Name}' ({origin})");
        }
        else if (cluster.CertificateAuthorityFile is { } file)
        {
            pem = ReadFile(file, $"certificate-authority of cluster '{cluster.Name}' ({origin})");
        }
        else
        {
            return null;
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw JobmanException.Usage($"the certificate-authority of cluster '{cluster.Name}' ({origin}) is not a PEM certificate: {ex.Message}", ex);
        }

        return certificates.Count > 0 ? certificates : throw JobmanException.Usage($"the certificate-authority of cluster '{cluster.Name}' ({origin}) holds no PEM certificate");
    }

    private static X509Certificate2? ClientCertificate(ClusterTarget target)
    {
        var user = target.User;
        if (!user.HasClientCertificate && (user.ClientKeyFile ?? user.ClientKeyData) is null)
        {
            return null;
        }

        var what = $"client certificate of user '{user.Name}' ({target.Origin})";
        var certificate = user.ClientCertificateData is { } cd ? Decode(cd, what) : user.ClientCertificateFile is { } cf ? ReadFile(cf, what) : null;
        var key = user.ClientKeyData is { } kd ? Decode(kd, what) : user.ClientKeyFile is { } kf ? ReadFile(kf, what) : null;
        if (certificate is null || key is null)
        {
            throw JobmanException.Usage($"the {what} needs both a certificate and a key");
        }

        try
        {
            // PKCS#1 (RSA PRIVATE KEY), PKCS#8 (PRIVATE KEY) and SEC1 (EC PRIVATE KEY) all load here; the PKCS#12
            // round trip gives the TLS stack a key it can use on every platform.
            using var loaded = X509Certificate2.CreateFromPem(certificate, key);
            return X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            throw JobmanException.Usage($"the {what} cannot be used: {ex.Message}", ex);
        }
    }

    private static IWebProxy? Proxy(Kubeconfig.KubeCluster cluster, JobmanEnvironment environment, string origin)
    {
        if (cluster.ProxyUrl is { } proxyUrl)
        {
            return Uri.TryCreate(proxyUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "socks5"
                ? new WebProxy(uri)
                : throw JobmanException.Usage($"proxy-url '{proxyUrl}' of cluster '{cluster.Name}' ({origin}) is not an http, https or socks5 URL");
        }

        return GoEnvironmentProxy.FromEnvironment(environment.GetVariable);
    }

    private static ICredentialSource? Credential(ClusterTarget target, JobmanEnvironment environment)
    {
        var user = target.User;
        if (user.Unsupported.Count > 0)
        {
            throw JobmanException.Usage($"user '{user.Name}' ({target.Origin}) uses {string.Join(", ", user.Unsupported)}, which jobman does not support; use a token, client certificate or exec plugin");
        }

        if (user.Token is { } token)
        {
            return new FixedCredential("Bearer " + token);
        }

        if (user.TokenFile is { } tokenFile)
        {
            var source = new TokenFileCredential(tokenFile);
            if (!File.Exists(tokenFile))
            {
                throw JobmanException.Usage($"token file '{tokenFile}' of user '{user.Name}' ({target.Origin}) does not exist");
            }

            return source;
        }

        if (user.Username is { } name && user.Password is { } password)
        {
            return FixedCredential.Basic(name, password);
        }

        if (user.Exec is { } exec)
        {
            if (exec.ApiVersion == "client.authentication.k8s.io/v1" && exec.InteractiveMode is null)
            {
                throw JobmanException.Usage($"the exec plugin of user '{user.Name}' ({target.Origin}): interactiveMode must be specified for client.authentication.k8s.io/v1");
            }

            if (exec.ApiVersion is not ("client.authentication.k8s.io/v1" or "client.authentication.k8s.io/v1beta1"))
            {
                throw JobmanException.Usage($"the exec plugin of user '{user.Name}' ({target.Origin}) has apiVersion '{exec.ApiVersion}'; use client.authentication.k8s.io/v1 or v1beta1");
            }

            return new ExecCredentialSource(exec, target.Cluster, user.Name, environment.GetVariable, !Console.IsInputRedirected);
        }

        return null;
    }

    private static string Decode(string base64, string what)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException ex)
        {
            throw JobmanException.Usage($"the {what} is not valid base64", ex);
        }
    }

    private static string ReadFile(string path, string what)
    {
        return InputFiles.ReadText(path, what);
    }
}
