using System.Net;
using Jobman.Sandbox.Kubernetes.Kueue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// A kube-apiserver double on https://127.0.0.1:&lt;random port&gt; (HTTP/2 and HTTP/1.1, self-generated CA) with
/// bearer-token users, namespace RBAC, batch/v1 jobs, core/v1 pods (+log), configmaps and namespaces, watches,
/// a job controller and a kubelet that runs containers as local processes. Works with the real kubectl and the
/// official C# client. See README.md next to this file.
/// </summary>
public sealed class KubernetesApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TlsMaterial _tls;
    private readonly AccessControl _access = new();
    private readonly BackgroundErrors _errors = new();
    private readonly OpenStreams _streams = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Kubelet _kubelet;
    private readonly JobController _controller;
    private readonly KueueController? _kueue;
    private readonly VisibilityEndpoints? _visibility;
    private readonly ResourceEndpoints _handlers;
    private readonly SelfReviewEndpoints _reviews;
    private readonly KubernetesApiServerOptions _options;
    private readonly object _requestsGate = new();
    private readonly List<RecordedRequest> _requests = [];

    private KubernetesApiServer(WebApplication app, TlsMaterial tls, KubernetesApiServerOptions options)
    {
        _app = app;
        _tls = tls;
        _options = options;
        Store = new ClusterStore();
        var events = new EventRecorder(Store);
        _kubelet = new Kubelet(Store, Scenarios, options, _errors, events);
        Store.PodHasRunningContainers = _kubelet.HasRunningContainers;
        _controller = new JobController(Store, _kubelet, options, _errors, events);
        _handlers = new ResourceEndpoints(Store, _controller, _kubelet, Faults, _streams, options.Kueue, _stopping.Token);
        if (options.Kueue)
        {
            _kueue = new KueueController(Store, options, _errors, events);
            _visibility = new VisibilityEndpoints(Store, _kueue.Queues);
        }

        _reviews = new SelfReviewEndpoints(_access);
        if (options.PathPrefix is { Length: > 0 } prefix)
        {
            // Served below a path, as behind Rancher's or a bastion's proxy (server: https://host/k8s/clusters/c-1):
            // a client that drops the prefix gets the 404 such a proxy gives.
            app.Use((ctx, next) =>
            {
                if (!ctx.Request.Path.StartsWithSegments(prefix, StringComparison.Ordinal, out var rest))
                {
                    ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                ctx.Request.PathBase = prefix;
                ctx.Request.Path = rest;
                return next(ctx);
            });
        }

        app.Run(HandleAsync);
    }

    public Uri BaseUri { get; private set; } = null!;

    public string CaCertificatePem => _tls.CaCertificatePem;

    public ClusterStore Store { get; }

    public JobScenarios Scenarios { get; } = new();

    public FaultInjector Faults { get; } = new();

    /// <summary>Watch and follow-log streams currently open (headers sent): wait on it before acting on a watcher.</summary>
    public int OpenStreamCount => _streams.Count;

    /// <summary>Every request answered so far, in completion order (snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requestsGate)
            {
                return _requests.ToList();
            }
        }
    }

    public static async Task<KubernetesApiServer> StartAsync(KubernetesApiServerOptions? options = null)
    {
        options ??= new KubernetesApiServerOptions();
        var tls = TlsMaterial.Create(options.ServerDnsNames, options.ServerIpAddresses);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddLogging(logging => logging.ClearProviders());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new Microsoft.AspNetCore.Server.Kestrel.Https.HttpsConnectionAdapterOptions
                {
                    ServerCertificate = tls.ServerCertificate,
                    // Like kube-apiserver with --client-ca-file: a client certificate is asked for, never required,
                    // and checked against the CA when the request is authenticated.
                    ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate,
                    ClientCertificateValidation = (_, _, _) => true,
                });
            });
        });
        var app = builder.Build();
        var server = new KubernetesApiServer(app, tls, options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server.BaseUri = new Uri($"https://127.0.0.1:{port}{options.PathPrefix}/");
        foreach (var ns in new[] { "default", "kube-node-lease", "kube-public", "kube-system" })
        {
            server.Store.CreateNamespace(ns);
        }

        return server;
    }

    /// <summary>Creates a user allowed everything inside <paramref name="namespaces"/> (created if missing); returns its bearer token.</summary>
    public string AddUser(string userName, params string[] namespaces)
    {
        foreach (var ns in namespaces)
        {
            Store.CreateNamespace(ns);
        }

        return _access.Issue(new AccessControl.UserAccount(userName, namespaces.ToHashSet(StringComparer.Ordinal), false));
    }

    /// <summary>Like <see cref="AddUser"/> for one namespace, but without <paramref name="deniedVerbs"/> (e.g. <c>watch</c>).</summary>
    public string AddRestrictedUser(string userName, string @namespace, params string[] deniedVerbs)
    {
        Store.CreateNamespace(@namespace);
        return _access.Issue(new AccessControl.UserAccount(userName, new HashSet<string>(StringComparer.Ordinal) { @namespace }, false, deniedVerbs.ToHashSet(StringComparer.Ordinal)));
    }

    /// <summary>A cluster administrator (a ClusterRoleBinding to <c>cluster-admin</c>): every verb on every resource everywhere.</summary>
    public string AddClusterAdmin(string userName) =>
        _access.Issue(new AccessControl.UserAccount(userName, new HashSet<string>(), false) { Rules = [new AccessRule(["*"], "*", "*")] });

    /// <summary>A user that may read jobs, pods and namespaces everywhere and read/write configmaps anywhere (queue publisher).</summary>
    public string AddClusterReader(string userName) =>
        _access.Issue(new AccessControl.UserAccount(userName, new HashSet<string>(), true));

    /// <summary>
    /// A service account <c>system:serviceaccount:NS:NAME</c> (its namespace is created) holding exactly
    /// <paramref name="rules"/>, as a ServiceAccount with Role/ClusterRole bindings would; returns its bearer token.
    /// </summary>
    public string AddServiceAccount(string @namespace, string name, params AccessRule[] rules)
    {
        Store.CreateNamespace(@namespace);
        return _access.Issue(new AccessControl.UserAccount($"system:serviceaccount:{@namespace}:{name}", new HashSet<string>(), false)
        {
            Rules = rules,
            Groups = ["system:serviceaccounts", $"system:serviceaccounts:{@namespace}", AccessControl.AuthenticatedGroup],
        });
    }

    /// <summary>Grants <paramref name="rules"/> to every authenticated user (bindings to group <c>system:authenticated</c>).</summary>
    public void GrantAuthenticated(params AccessRule[] rules) => _access.GrantAuthenticated(rules);

    /// <summary>The kubeconfig text for this server with several contexts (the first is current), e.g. to write it privately.</summary>
    public string RenderKubeconfig(string clusterName, params KubeconfigContext[] contexts) =>
        KubeconfigWriter.Render(BaseUri, CaCertificatePem, clusterName, contexts);

    /// <summary>Writes a kubeconfig for this server (token may be null for an unauthenticated user); returns <paramref name="path"/>.</summary>
    public string WriteKubeconfig(string path, string? token, string? @namespace = null, string contextName = "sandbox")
    {
        // The file holds a bearer token: 0600 in a 0700 folder, whatever the umask.
        Jobman.Core.Files.PrivateFiles.WriteAllText(path, KubeconfigWriter.Render(BaseUri, CaCertificatePem, token, @namespace, contextName));
        return path;
    }

    /// <summary>Creates a user authenticated by a client certificate (CN = user name) allowed everything inside <paramref name="namespaces"/>.</summary>
    public ClientCertificatePem AddCertificateUser(string userName, ClientKeyFormat format, params string[] namespaces)
    {
        foreach (var ns in namespaces)
        {
            Store.CreateNamespace(ns);
        }

        _access.AddCertificateUser(userName, new AccessControl.UserAccount(userName, namespaces.ToHashSet(StringComparer.Ordinal), false));
        return _tls.IssueClientCertificate(userName, format);
    }

    /// <summary>Sets the log of a container of a pod seeded with <see cref="ClusterStore.PutPod"/>.</summary>
    public void SetPodLog(string ns, string podName, string container, string text)
    {
        var uid = Store.GetPod(ns, podName) is { } pod ? KubeObjects.Uid(pod) : null;
        _kubelet.SetLog(uid ?? throw new ArgumentException($"pod {ns}/{podName} does not exist", nameof(podName)), container, text);
    }

    /// <summary>Unexpected exceptions inside the job controller and kubelet (should stay empty; assert on it when debugging).</summary>
    public IReadOnlyList<Exception> BackgroundErrors => _errors.Snapshot();

    public void ClearRequests()
    {
        lock (_requestsGate)
        {
            _requests.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _controller.DisposeAsync();
        if (_kueue is not null)
        {
            await _kueue.DisposeAsync();
        }

        await _kubelet.StopAllAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await _app.DisposeAsync();
        _tls.Dispose();
        _stopping.Dispose();
    }

    private AccessControl.UserAccount? CertificateUser(HttpContext ctx) =>
        ctx.Connection.ClientCertificate is { } certificate && _tls.IssuedByCa(certificate)
            ? _access.AuthenticateCertificate(certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false))
            : null;

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        string? user = null;
        try
        {
            if (path is "/version" or "/version/" or "/healthz" or "/livez" or "/readyz")
            {
                await ServePublicAsync(ctx, path);
                return;
            }

            var account = _access.Authenticate(ctx.Request.Headers.Authorization)
                ?? (ctx.Request.Headers.Authorization.Count == 0 ? CertificateUser(ctx) : null)
                ?? throw StatusFactory.Unauthorized();
            user = account.Name;
            var isFollowLog = path.EndsWith("/log", StringComparison.Ordinal) && QueryFlags.IsTrue(ctx.Request.Query["follow"]);
            var fault = Faults.Take(path, isFollowLog);
            switch (fault)
            {
                case ResetConnectionFault:
                    // The connection goes away under the request: no status, no body (a crashed proxy or node).
                    ctx.Abort();
                    return;
                case TooManyRequestsFault tooMany:
                    throw StatusFactory.TooManyRequests(tooMany.RetryAfterSeconds);
                case ServerErrorFault serverError:
                    throw StatusFactory.InternalError(serverError.Message);
                case JobGoneMeanwhileFault:
                    throw StatusFactory.NotFound(ResourceType.Jobs, path[(path.LastIndexOf('/') + 1)..]);
            }

            if (await TryServeDiscoveryAsync(ctx, path) || await _reviews.TryServeAsync(ctx, path, account))
            {
                return;
            }

            if (_visibility is not null && VisibilityRequest.Parse(path) is { } pending)
            {
                if (!_access.IsAllowed(account, pending.Access))
                {
                    throw StatusFactory.Forbidden(account.Name, "get", pending.Type, VisibilityRequest.Subresource, pending.Namespace, pending.Name);
                }

                await _visibility.ServeAsync(ctx, pending);
                return;
            }

            var route = ApiRoute.Parse(path) is { } parsed && (_options.Kueue || !parsed.Type.IsKueue) ? parsed : throw StatusFactory.NotFoundPath();
            var watch = QueryFlags.IsTrue(ctx.Request.Query["watch"]);
            var verb = route.Verb(ctx.Request.Method, watch);
            if (!_access.IsAllowed(account, AccessRequest.For(route, verb)))
            {
                throw StatusFactory.Forbidden(account.Name, verb, route.Type, route.Subresource, route.Namespace, route.Name);
            }

            PathSegmentName.Check(route.Name);
            await _handlers.HandleAsync(ctx, route, verb, fault as DropLogStreamFault);
        }
        catch (ApiError error) when (!ctx.Response.HasStarted)
        {
            foreach (var (name, value) in error.Headers)
            {
                ctx.Response.Headers[name] = value;
            }

            await ResourceEndpoints.WriteJsonAsync(ctx, error.Code, error.Status);
        }
        catch (Exception ex) when (!ctx.Response.HasStarted && ex is not OperationCanceledException)
        {
            await ResourceEndpoints.WriteJsonAsync(ctx, 500, StatusFactory.InternalError(ex.Message).Status);
        }
        finally
        {
            lock (_requestsGate)
            {
                _requests.Add(new RecordedRequest(ctx.Request.Method, path, ctx.Request.QueryString.Value ?? string.Empty, user, ctx.Response.StatusCode, ctx.Request.Protocol));
            }
        }
    }

    private async Task ServePublicAsync(HttpContext ctx, string path)
    {
        if (path.StartsWith("/version", StringComparison.Ordinal))
        {
            await ResourceEndpoints.WriteJsonAsync(ctx, 200, DiscoveryDocuments.Version(_options.GitVersion));
            return;
        }

        ctx.Response.ContentType = "text/plain";
        await ctx.Response.WriteAsync("ok");
    }

    private async Task<bool> TryServeDiscoveryAsync(HttpContext ctx, string path)
    {
        var document = path.TrimEnd('/') switch
        {
            "/api" => DiscoveryDocuments.ApiVersions($"127.0.0.1:{BaseUri.Port}"),
            "/apis" => DiscoveryDocuments.ApiGroups(_options.Kueue),
            "/api/v1" => DiscoveryDocuments.CoreResources(),
            var groupVersion when groupVersion.StartsWith("/apis/", StringComparison.Ordinal) && groupVersion.Count(c => c == '/') == 3
                && DiscoveryDocuments.IsServed(groupVersion.Split('/')[2], _options.Kueue)
                => DiscoveryDocuments.GroupResources(groupVersion.Split('/')[2], groupVersion.Split('/')[3]),
            var group when group.StartsWith("/apis/", StringComparison.Ordinal) && group.Count(c => c == '/') == 2
                && DiscoveryDocuments.IsServed(group["/apis/".Length..], _options.Kueue) => DiscoveryDocuments.ApiGroup(group["/apis/".Length..]),
            "/openapi/v3" => OpenApiDocuments.Root(_options.Kueue),
            var other when other.StartsWith("/openapi/v3/", StringComparison.Ordinal) => OpenApiDocuments.GroupVersion(other),
            _ => null,
        };
        if (document is null)
        {
            return false;
        }

        await ResourceEndpoints.WriteJsonAsync(ctx, 200, document);
        return true;
    }
}
