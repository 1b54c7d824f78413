using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Jobman.Sandbox.Harbor;

/// <summary>
/// A Harbor API v2.0 double on 127.0.0.1 (real Kestrel, HTTP or HTTPS with its own CA), built from Harbor's
/// swagger v2.15.2 and the facts in <c>shared/contracts/README.md</c>: project/repository/artifact/tag reads,
/// <c>page</c>/<c>page_size</c> (max 100, 422 above), <c>X-Total-Count</c> and <c>Link</c> exactly as Harbor
/// builds them, double-encoded nested repository names, public/private projects with Basic-auth users and robot
/// accounts (bad credentials fall through to anonymous), Harbor's error bodies, optional latency and injected
/// faults, and a record of every request (with the highest number in flight at once).
/// </summary>
public sealed class HarborServer : IAsyncDisposable
{
    private const string ApiPrefix = "/api/v2.0/";

    private readonly object _lock = new();
    private readonly Dictionary<string, HarborProject> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HarborUser> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<HarborRequest> _requests = new();
    private readonly ConcurrentDictionary<string, byte> _connections = new(StringComparer.Ordinal);
    private readonly Queue<(int Status, int? RetryAfterSeconds)> _faults = new();
    private readonly WebApplication _app;
    private long _nextId;
    private int _inFlight;
    private int _maxInFlight;
    private int _droppedRequests;
    private int _dropNext;

    private HarborServer(WebApplication app, TestCertificateAuthority? authority)
    {
        _app = app;
        CertificateAuthority = authority;
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234</c> (what <c>harbor.url</c> is set to).</summary>
    public string Url { get; private set; } = "";

    /// <summary>The CA that signed the HTTPS certificate (null for plain HTTP).</summary>
    public TestCertificateAuthority? CertificateAuthority { get; }

    /// <summary>Delay added to every request (to observe concurrency).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<HarborRequest> Requests => [.. _requests];

    /// <summary>Close each connection right after its answer, unannounced (an HTTP/1.0 front).</summary>
    public bool CloseAfterEachResponse { get; set; }

    /// <summary>How many TCP connections have carried requests so far.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Requests dropped unanswered by <see cref="DropNext"/>.</summary>
    public int DroppedRequests => Volatile.Read(ref _droppedRequests);

    /// <summary>The highest number of requests being handled at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Starts a server on 127.0.0.1 with a free port.</summary>
    /// <param name="https">Serve HTTPS with a certificate from a freshly generated CA.</param>
    /// <returns>The running server.</returns>
    public static async Task<HarborServer> StartAsync(bool https = false)
    {
        var authority = https ? TestCertificateAuthority.Create() : null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore();
        if (https)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (authority is not null)
            {
                listen.UseHttps(authority.ServerCertificate);
            }
        }));
        var app = builder.Build();
        var server = new HarborServer(app, authority);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.Url = app.Urls.First().TrimEnd('/');
        return server;
    }

    /// <summary>Adds a project.</summary>
    /// <param name="name">Project name.</param>
    /// <param name="isPublic">Public projects are readable anonymously.</param>
    /// <returns>The project.</returns>
    public HarborProject AddProject(string name, bool isPublic = false)
    {
        lock (_lock)
        {
            var project = new HarborProject(++_nextId, name, isPublic, HarborFakes.Epoch.AddMinutes(_nextId));
            _projects.Add(name, project);
            return project;
        }
    }

    /// <summary>Adds a repository whose tags each get their own artifact (digest, size and push time derived from the name).</summary>
    /// <param name="project">An existing project.</param>
    /// <param name="name">Name without the project; may contain <c>/</c>.</param>
    /// <param name="description">Markdown description (stored HTML-escaped like Harbor does), or null.</param>
    /// <param name="tags">Tags, oldest push first.</param>
    /// <returns>The repository.</returns>
    public HarborRepository AddRepository(string project, string name, string? description = null, params string[] tags)
    {
        lock (_lock)
        {
            var owner = _projects[project];
            var created = HarborFakes.Epoch.AddMinutes(++_nextId);
            var repository = new HarborRepository(_nextId, owner, name, string.IsNullOrEmpty(description) ? null : HarborFakes.HtmlEscape(description), created);
            owner.Repositories.Add(repository);
            foreach (var tag in tags)
            {
                AddArtifactLocked(repository, tag);
            }

            return repository;
        }
    }

    /// <summary>Adds one artifact carrying several tags (e.g. <c>1.4.2</c> and <c>latest</c>), or none.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="tags">Its tags.</param>
    /// <returns>The artifact.</returns>
    public HarborArtifact AddArtifact(HarborRepository repository, params string[] tags)
    {
        lock (_lock)
        {
            return AddArtifactLocked(repository, tags);
        }
    }

    /// <summary>Adds a user (or robot) that is a member of the given projects.</summary>
    /// <param name="name">Login name.</param>
    /// <param name="password">Password or secret.</param>
    /// <param name="projects">Member projects.</param>
    /// <returns>The user.</returns>
    public HarborUser AddUser(string name, string password, params string[] projects)
    {
        var user = new HarborUser(name, password, new HashSet<string>(projects, StringComparer.Ordinal), false);
        lock (_lock)
        {
            _users[name] = user;
        }

        return user;
    }

    /// <summary>Adds a system administrator.</summary>
    /// <param name="name">Login name.</param>
    /// <param name="password">Password.</param>
    /// <returns>The user.</returns>
    public HarborUser AddAdmin(string name, string password)
    {
        var user = new HarborUser(name, password, new HashSet<string>(StringComparer.Ordinal), true);
        lock (_lock)
        {
            _users[name] = user;
        }

        return user;
    }

    /// <summary>Adds a project robot account <c>robot$&lt;project&gt;+&lt;name&gt;</c>.</summary>
    /// <param name="project">The project.</param>
    /// <param name="name">Robot name.</param>
    /// <param name="secret">Its secret.</param>
    /// <returns>The robot's login name.</returns>
    public string AddRobot(string project, string name, string secret) => AddUser($"robot${project}+{name}", secret, project).Name;

    /// <summary>Makes the next <paramref name="count"/> requests fail with <paramref name="status"/> and Harbor's body for it.</summary>
    /// <param name="count">How many requests fail.</param>
    /// <param name="status">The status to answer.</param>
    /// <param name="retryAfterSeconds">A <c>Retry-After</c> header to send, if any.</param>
    public void FailNext(int count, int status, int? retryAfterSeconds = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue((status, retryAfterSeconds));
            }
        }
    }

    /// <summary>Drops the next <paramref name="count"/> requests unanswered: the connection is reset under them.</summary>
    /// <param name="count">How many requests are dropped.</param>
    public void DropNext(int count) => Volatile.Write(ref _dropNext, count);

    /// <summary>Forgets the recorded requests and the in-flight maximum.</summary>
    public void ClearRequests()
    {
        _requests.Clear();
        Volatile.Write(ref _maxInFlight, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        CertificateAuthority?.Dispose();
    }

    private HarborArtifact AddArtifactLocked(HarborRepository repository, params string[] tags)
    {
        var seed = $"{repository.FullName}#{++_nextId}:{string.Join(",", tags)}";
        var pushed = HarborFakes.Epoch.AddHours(1).AddSeconds(_nextId);
        var artifact = new HarborArtifact(_nextId, HarborFakes.Digest(seed), HarborFakes.Size(seed), pushed);
        foreach (var tag in tags)
        {
            artifact.Tags.Add(new HarborTag(++_nextId, tag, pushed.AddMilliseconds(_nextId % 1000)));
        }

        repository.Artifacts.Add(artifact);
        repository.UpdateTime = pushed;
        return artifact;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max)
            {
                break;
            }
        }

        try
        {
            _connections.TryAdd(context.Connection.Id, 0);
            if (Interlocked.Decrement(ref _dropNext) >= 0)
            {
                // The connection goes away under the request, without an answer (reset, as a crashed front does).
                Interlocked.Increment(ref _droppedRequests);
                context.Abort();
                return;
            }

            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            var user = Authenticate(context.Request);
            _requests.Enqueue(new HarborRequest(context.Request.Method, target, context.Request.Headers.Authorization.Count > 0, user?.Name, DateTimeOffset.UtcNow));
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, context.RequestAborted).ConfigureAwait(false);
            }

            (int Status, int? RetryAfter)? fault = null;
            lock (_lock)
            {
                if (_faults.Count > 0)
                {
                    fault = _faults.Dequeue();
                }
            }

            HarborReply reply;
            if (fault is { } f)
            {
                reply = f.Status switch
                {
                    401 => HarborReply.Error(401, "UNAUTHORIZED", "unauthorized"),
                    403 => HarborReply.Error(403, "FORBIDDEN", "forbidden"),
                    422 => HarborReply.Error(422, "UNPROCESSABLE_ENTITY", "validation failure list:\npage_size in query should be less than or equal to 100"),
                    429 => HarborReply.Error(429, "TOO_MANY_REQUEST", "too many requests"),
                    _ => HarborReply.Error(f.Status, "UNKNOWN", "internal server error"),
                };
                if (f.RetryAfter is { } seconds)
                {
                    reply.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            else
            {
                lock (_lock)
                {
                    reply = new HarborApiHandler(_projects, user, context.Request, target).Handle();
                }
            }

            await reply.WriteAsync(context.Response).ConfigureAwait(false);
            if (CloseAfterEachResponse)
            {
                // Like an HTTP/1.0 front: the answer is complete, then the connection is closed without a
                // "Connection: close" header announcing it.
                await context.Response.CompleteAsync().ConfigureAwait(false);
                context.Features.Get<Microsoft.AspNetCore.Connections.Features.IConnectionLifetimeNotificationFeature>()?.RequestClose();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private HarborUser? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        lock (_lock)
        {
            // Harbor does not reject bad credentials up front: the request goes on as anonymous.
            return _users.TryGetValue(decoded[..colon], out var user) && user.Password == decoded[(colon + 1)..] ? user : null;
        }
    }

    internal static bool IsApiPath(string path) => path.StartsWith(ApiPrefix, StringComparison.Ordinal);
}
