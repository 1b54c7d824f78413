using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Jobman.Cli.PluginLoading;
using Jobman.Core.Settings;

namespace Jobman.Cli.Hosting;

/// <summary>
/// Loads and prepares, on another core, the framework parts that nearly every command needs soon after the host has
/// loaded its plugins and parsed the command line: System.Reflection.Metadata (the plugin loader's Jobman.Core check),
/// System.Text.Json's generated-metadata machinery (settings sections, API lists), OpenSSL and the X.509 types (a
/// kubeconfig's CA), the command line parser, the HTTP and TLS types. The main thread then meets them warm (bench/RESULTS.md, issue 14).
/// Plugins' own assemblies live in their own load contexts and cannot be prepared from here.
/// </summary>
internal static class FrameworkWarmUp
{
    /// <summary>A self-signed certificate (no key, trusted by nothing) that only exercises the certificate decoder.</summary>
    private const string ThrowawayCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIBijCCAS+gAwIBAgIUeMvkS9Cd+zUejqgv9UnVQuhM3a8wCgYIKoZIzj0EAwIw
        GTEXMBUGA1UEAwwOam9ibWFuIHdhcm0tdXAwIBcNMjYxMjA2MjMxOTQ2WhgPMjEy
        NjExMTIyMzE5NDZaMBkxFzAVBgNVBAMMDmpvYm1hbiB3YXJtLXVwMFkwEwYHKoZI
        zj0CAQYIKoZIzj0DAQcDQgAEGMrHntt8HLfS7U8XzO1yh96Xe8wz/v+Ih8zJaU2z
        OKIces2m/s7ypsj+Ukel6+YjlVWP4epQA/B54lPJLxvR26NTMFEwHQYDVR0OBBYE
        FCXG0pJm0XSqIzlCigg9vB4yNCWHMB8GA1UdIwQYMBaAFCXG0pJm0XSqIzlCigg9
        vB4yNCWHMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAKOEs7M4
        28BBqdHEdCwsSUCVaA+VMaYkY7dQe2ov9xA6AiEAhcGA1Mbh835AUn7epNIJIgAI
        oZR+a87qmsB1vlcJKvY=
        -----END CERTIFICATE-----
        """;

    /// <summary>Starts the warm-up; never throws, never waits. Does nothing on a single core, where it would only compete.</summary>
    public static void Start()
    {
        if (Environment.ProcessorCount < 2)
        {
            return;
        }

        _ = Task.Run(static () =>
        {
            try
            {
                // First what comes first: the plugin loader reads each plugin's Jobman.Core reference from metadata.
                _ = CoreReferenceReader.ReferencedCoreVersion(typeof(FrameworkWarmUp).Assembly.Location);
                // Core (shared with every plugin) reads the kubeConfig section this way when a command connects, and
                // the job section (flavors, labels) right after.
                var sections = new JobmanSettings(new JsonObject { ["kubeConfig"] = new JsonObject { ["type"] = "default" }, ["job"] = new JsonObject() }, []);
                _ = sections.KubeConfig;
                _ = sections.Job;
                // The command line parser's first instance builds its value parsers (~5 ms), used by the command tree.
                _ = new McMaster.Extensions.CommandLineUtils.CommandLineApplication(throwOnUnexpectedArg: false);
                // A kubeconfig's CA: PEM, OpenSSL's first use (~4 ms) and the certificate decoder, on a throwaway
                // certificate. A cluster named by its address: the IPv4 parser is compiled at run time.
                var throwaway = new X509Certificate2Collection();
                throwaway.ImportFromPem(ThrowawayCertificate);
                foreach (var certificate in throwaway)
                {
                    certificate.Dispose();
                }

                _ = IPAddress.TryParse("127.0.0.1", out _);
                _ = new Uri("https://127.0.0.1:6443/api?limit=500");
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) };
                using var client = new HttpClient(handler, disposeHandler: false);
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://localhost:6443/api/v1/namespaces/x/pods?limit=500"))
                {
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
                };
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer warm-up");
                using var tls = new SslStream(Stream.Null);
                _ = new SslClientAuthenticationOptions { TargetHost = "localhost", ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11] };
            }
            catch (Exception)
            {
                // Only a warm-up: the real work reports any problem.
            }
        });
    }
}
