using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>
/// A minimal Docker token-auth server (the protocol of distribution's <c>auth: token</c>): checks basic credentials,
/// grants the requested scopes and returns an RS256 JWT whose x5c certificate the real registry trusts via its
/// <c>rootcertbundle</c>.
/// </summary>
internal sealed class TokenServer : IAsyncDisposable
{
    public const string Service = "jobman-test-registry";
    public const string Issuer = "jobman-test-issuer";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _signer;
    private readonly IReadOnlyDictionary<string, string> _users;

    private TokenServer(WebApplication app, X509Certificate2 signer, IReadOnlyDictionary<string, string> users, string bundle)
    {
        _app = app;
        _signer = signer;
        _users = users;
        RootCertBundle = bundle;
    }

    public ConcurrentQueue<TokenRequest> Requests { get; } = new();

    public string Realm { get; private set; } = string.Empty;

    /// <summary>PEM of the signing certificate, for the registry's <c>rootcertbundle</c>.</summary>
    public string RootCertBundle { get; }

    public static async Task<TokenServer> StartAsync(string folder, IReadOnlyDictionary<string, string> users)
    {
        var signer = TestCertificates.SelfSigned("jobman-test-token-signer");
        var (bundle, _) = TestCertificates.WritePem(signer, folder, "token-signer");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new TokenServer(app, signer, users, bundle);
        app.MapGet("/token", server.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Realm = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/token";
        return server;
    }

    /// <summary>A token for pushing (tests seed the registry with it).</summary>
    public string Mint(string subject, IEnumerable<string> scopes)
    {
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new JsonArray(Convert.ToBase64String(_signer.RawData)) };
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = subject,
            ["aud"] = Service,
            ["exp"] = now + 600,
            ["nbf"] = now - 60,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = new JsonArray(scopes.Select(Access).ToArray()),
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _signer.GetRSAPrivateKey()!.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signer.Dispose();
    }

    private static JsonNode Access(string scope)
    {
        // type:name:actions, where the name itself may contain ':' (a registry host with port).
        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        return new JsonObject
        {
            ["type"] = scope[..first],
            ["name"] = scope[(first + 1)..last],
            ["actions"] = new JsonArray(scope[(last + 1)..].Split(',').Select(a => (JsonNode)a).ToArray()),
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private IResult Handle(HttpContext context)
    {
        var scopes = context.Request.Query["scope"].OfType<string>().SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var service = context.Request.Query["service"].ToString();
        var user = BasicUser(context.Request.Headers.Authorization.ToString(), out var password);
        if (user is null || !_users.TryGetValue(user, out var expected) || expected != password)
        {
            Requests.Enqueue(new TokenRequest(user, scopes, service, 401));
            return Results.Json(new { errors = new[] { new { code = "UNAUTHORIZED", message = "invalid username or password" } } }, statusCode: 401);
        }

        Requests.Enqueue(new TokenRequest(user, scopes, service, 200));
        var token = Mint(user, scopes);
        return Results.Json(new { token, access_token = token, expires_in = 600, issued_at = DateTimeOffset.UtcNow.ToString("o") });
    }

    private static string? BasicUser(string header, out string? password)
    {
        password = null;
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        password = decoded[(colon + 1)..];
        return decoded[..colon];
    }
}
