using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Jobman.Testing.NuGet;

/// <summary>
/// A NuGet v3 package source on 127.0.0.1 speaking the parts of the protocol a client needs to learn a package's
/// versions: the service index (<c>/v3/index.json</c>, resources with <c>@id</c> and <c>@type</c>) and the flat
/// container (<c>PackageBaseAddress/3.0.0</c>: <c>{base}/{lower-case id}/index.json</c> with <c>versions</c>, 404 for
/// an unknown package). Records every request; can hold requests open to play a slow feed.
/// </summary>
public sealed class NuGetFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, List<string>> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _requests = new();
    private TaskCompletionSource _gate = CompletedGate();
    private int _finished;

    private NuGetFeedServer(WebApplication app) => _app = app;

    /// <summary>The service index URL, what a <c>nuget.config</c> source or <c>--add-source</c> names.</summary>
    public string ServiceIndex { get; private set; } = "";

    /// <summary>Request paths in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Requests answered or abandoned by the client (a held request counts once the client gives up).</summary>
    public int Finished => Volatile.Read(ref _finished);

    public static async Task<NuGetFeedServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new NuGetFeedServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.ServiceIndex = app.Urls.First().TrimEnd('/') + "/v3/index.json";
        return server;
    }

    /// <summary>Publishes versions of a package.</summary>
    public void Publish(string id, params string[] versions) =>
        _packages.AddOrUpdate(id, _ => [.. versions], (_, known) => [.. known, .. versions]);

    /// <summary>Holds every request until <see cref="Release"/>: a feed that does not answer.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    private async Task HandleAsync(HttpContext context)
    {
        try
        {
            await AnswerAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref _finished);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.Enqueue(path);
        await _gate.Task.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        if (context.Request.Method != HttpMethods.Get)
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (path == "/v3/index.json")
        {
            await WriteJsonAsync(context, new JsonObject
            {
                ["version"] = "3.0.0",
                ["resources"] = new JsonArray(
                    Resource($"{origin}/v3-flatcontainer/", "PackageBaseAddress/3.0.0", "Base URL of where NuGet packages are stored, in the format https://api.nuget.org/v3-flatcontainer/{id-lower}/{version-lower}/{id-lower}.{version-lower}.nupkg"),
                    Resource($"{origin}/query", "SearchQueryService/3.5.0", "Query endpoint of NuGet Search service (not served by this double)")),
            }).ConfigureAwait(false);
            return;
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["v3-flatcontainer", var id, "index.json"] && _packages.TryGetValue(id, out var versions))
        {
            await WriteJsonAsync(context, new JsonObject
            {
                ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)v.ToLowerInvariant())]),
            }).ConfigureAwait(false);
            return;
        }

        // nuget.org answers unknown packages and paths with a 404 and an XML BlobNotFound body.
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>").ConfigureAwait(false);
    }

    private static JsonObject Resource(string id, string type, string comment) => new()
    {
        ["@id"] = id,
        ["@type"] = type,
        ["comment"] = comment,
    };

    private static Task WriteJsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }
}
