using System.Collections.Concurrent;
using System.Net;
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
/// A Kestrel reverse proxy in front of the real registry that answers chosen paths with registry-style errors
/// (429, 5xx with Retry-After, 403 DENIED...) a given number of times, for what a healthy registry never does.
/// Everything else is forwarded unchanged (status, Link, Docker-Content-Digest, WWW-Authenticate, body).
/// </summary>
internal sealed class FaultInjectingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new();
    private readonly string _upstreamUrl;
    private readonly ConcurrentDictionary<string, Fault> _faults = new(StringComparer.Ordinal);
    private int _inFlight;

    private FaultInjectingProxy(WebApplication app, string upstreamUrl)
    {
        _app = app;
        _upstreamUrl = upstreamUrl;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public ConcurrentQueue<ProxiedRequest> Requests { get; } = new();

    /// <summary>The most requests handled at the same time.</summary>
    public int MaxInFlight { get; private set; }

    /// <summary>Delay added to forwarded requests, so concurrency becomes observable.</summary>
    public TimeSpan ForwardDelay { get; set; }

    /// <summary>
    /// When set, tags lists are served in pages of this size with <c>Link</c> headers, as Distribution 3 does
    /// (Debian's 2.8 returns all tags at once).
    /// </summary>
    public int? TagPageSize { get; set; }

    /// <summary>Requests being handled right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public static async Task<FaultInjectingProxy> StartAsync(string upstreamUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new FaultInjectingProxy(app, upstreamUrl);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return proxy;
    }

    /// <summary>Answers <paramref name="pathAndQuery"/> with an error <paramref name="times"/> times (-1: always).</summary>
    public void Fail(string pathAndQuery, int status, int times, string code, string message, string? retryAfter = null) =>
        _faults[pathAndQuery] = new Fault(status, times, code, message, retryAfter);

    public List<ProxiedRequest> RequestsTo(string pathAndQuery) => Requests.Where(r => r.PathAndQuery == pathAndQuery).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        lock (_faults)
        {
            MaxInFlight = Math.Max(MaxInFlight, inFlight);
        }

        try
        {
            var pathAndQuery = context.Request.Path + context.Request.QueryString;
            if (_faults.TryGetValue(pathAndQuery, out var fault) && fault.TryTake())
            {
                Requests.Enqueue(new ProxiedRequest(DateTimeOffset.UtcNow, pathAndQuery, fault.Status));
                context.Response.StatusCode = fault.Status;
                if (fault.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = fault.RetryAfter;
                }

                context.Response.ContentType = "application/json; charset=utf-8";
                var body = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = fault.Code, ["message"] = fault.Message, ["detail"] = null }) };
                await context.Response.WriteAsync(body.ToJsonString() + "\n");
                return;
            }

            if (ForwardDelay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(ForwardDelay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (TagPageSize is { } pageSize && context.Request.Path.Value!.EndsWith("/tags/list", StringComparison.Ordinal))
            {
                await ServeTagPageAsync(context, pathAndQuery, pageSize);
                return;
            }

            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), _upstreamUrl + pathAndQuery);
            foreach (var header in new[] { "Accept", "Authorization" })
            {
                if (context.Request.Headers.TryGetValue(header, out var value))
                {
                    request.Headers.TryAddWithoutValidation(header, value.ToArray());
                }
            }

            using var response = await _upstream.SendAsync(request);
            Requests.Enqueue(new ProxiedRequest(DateTimeOffset.UtcNow, pathAndQuery, (int)response.StatusCode));
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in new[] { "Link", "Docker-Content-Digest", "WWW-Authenticate" })
            {
                if (response.Headers.TryGetValues(header, out var values))
                {
                    context.Response.Headers[header] = values.ToArray();
                }
            }

            if (response.Content.Headers.ContentType is { } contentType)
            {
                context.Response.ContentType = contentType.ToString();
            }

            await response.Content.CopyToAsync(context.Response.Body);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task ServeTagPageAsync(HttpContext context, string pathAndQuery, int pageSize)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _upstreamUrl + context.Request.Path);
        using var response = await _upstream.SendAsync(request);
        var all = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var tags = all["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var last = context.Request.Query["last"].ToString();
        var page = tags.Where(t => last.Length == 0 || string.CompareOrdinal(t, last) > 0).Take(pageSize).ToList();
        if (page.Count > 0 && page[^1] != tags[^1])
        {
            context.Response.Headers["Link"] = $"<{context.Request.Path}?last={Uri.EscapeDataString(page[^1])}&n={pageSize}>; rel=\"next\"";
        }

        Requests.Enqueue(new ProxiedRequest(DateTimeOffset.UtcNow, pathAndQuery, 200));
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["name"] = all["name"]!.DeepClone(), ["tags"] = new JsonArray(page.Select(t => (JsonNode)t).ToArray()) }.ToJsonString());
    }

    private sealed class Fault(int status, int times, string code, string message, string? retryAfter)
    {
        private int _remaining = times;

        public int Status { get; } = status;

        public string Code { get; } = code;

        public string Message { get; } = message;

        public string? RetryAfter { get; } = retryAfter;

        public bool TryTake()
        {
            while (true)
            {
                var remaining = Volatile.Read(ref _remaining);
                if (remaining == 0)
                {
                    return false;
                }

                if (remaining < 0 || Interlocked.CompareExchange(ref _remaining, remaining - 1, remaining) == remaining)
                {
                    return true;
                }
            }
        }
    }
}
