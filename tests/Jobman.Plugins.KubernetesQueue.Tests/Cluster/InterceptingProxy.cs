using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobman.Plugins.KubernetesQueue.Tests.Cluster;

/// <summary>
/// A plain-HTTP pass-through in front of the API double that runs a hook before forwarding a request. It plays the
/// "concurrent writer" deterministically: the API double has no fault for 409 Conflict, but it does enforce
/// resourceVersion on replace, so changing the ConfigMap right before the publisher's PUT reaches the double yields
/// a real conflict.
/// </summary>
internal sealed class InterceptingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;

    private InterceptingProxy(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Starts the proxy; <paramref name="beforeForward"/> sees (method, path) of every request first.</summary>
    public static async Task<InterceptingProxy> StartAsync(Uri upstream, string caPem, Action<string, string> beforeForward)
    {
        var ca = X509Certificate2.CreateFromPem(caPem);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is not null && chain.Build(new X509Certificate2(certificate));
                },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = upstream };
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddLogging(logging => logging.ClearProviders());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new InterceptingProxy(app, client);
        app.Run(ctx => proxy.ForwardAsync(ctx, beforeForward));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.BaseUri = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
        return proxy;
    }

    /// <summary>A kubeconfig for <paramref name="token"/> whose server is this proxy.</summary>
    public string WriteKubeconfig(string path, string token)
    {
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: proxy
              cluster:
                server: {BaseUri.ToString().TrimEnd('/')}
            users:
            - name: proxy
              user:
                token: {token}
            contexts:
            - name: proxy
              context:
                cluster: proxy
                user: proxy
            current-context: proxy
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task ForwardAsync(HttpContext ctx, Action<string, string> beforeForward)
    {
        var path = ctx.Request.Path.Value ?? "/";
        beforeForward(ctx.Request.Method, path);
        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), path.TrimStart('/') + ctx.Request.QueryString.Value);
        using var body = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(body);
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body.ToArray());
            if (ctx.Request.ContentType is { } contentType)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var name in new[] { "Authorization", "Accept" })
        {
            if (ctx.Request.Headers.TryGetValue(name, out var values))
            {
                request.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _upstream.SendAsync(request);
        ctx.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } type)
        {
            ctx.Response.ContentType = type.ToString();
        }

        await ctx.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync());
    }
}
