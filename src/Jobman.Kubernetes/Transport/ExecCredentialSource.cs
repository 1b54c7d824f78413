using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Kubernetes.Kubeconfig;

namespace Jobman.Kubernetes.Transport;

/// <summary>
/// An exec credential plugin (EKS, GKE, AKS, OIDC login helpers) run as client-go runs it: once per process and
/// kubeconfig user (the credential is cached until its <c>expirationTimestamp</c>, across every client the
/// command builds), again once after a 401; <c>KUBERNETES_EXEC_INFO</c> carries <c>kind: ExecCredential</c>,
/// <c>spec.interactive</c> and, with <c>provideClusterInfo</c>, <c>spec.cluster</c>. A plugin that cannot run or
/// fails becomes one line with its stderr and the kubeconfig's <c>installHint</c>.
/// </summary>
public sealed class ExecCredentialSource : ICredentialSource
{
    /// <summary>How long a plugin may run (an interactive login can take a while).</summary>
    private static readonly TimeSpan PluginTimeout = TimeSpan.FromMinutes(2);

    private static readonly ConcurrentDictionary<string, CachedCredential> Cache = new(StringComparer.Ordinal);

    private readonly ExecConfig _exec;
    private readonly KubeCluster _cluster;
    private readonly string _userName;
    private readonly Func<string, string?> _environment;
    private readonly bool _stdinIsTerminal;
    private readonly string _cacheKey;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the source (nothing runs until the first request).</summary>
    /// <param name="exec">The plugin.</param>
    /// <param name="cluster">The cluster (for <c>provideClusterInfo</c>).</param>
    /// <param name="userName">The kubeconfig user (for messages).</param>
    /// <param name="environment">The caller's environment variables.</param>
    /// <param name="stdinIsTerminal">Whether the plugin may talk to the user.</param>
    public ExecCredentialSource(ExecConfig exec, KubeCluster cluster, string userName, Func<string, string?> environment, bool stdinIsTerminal)
    {
        _exec = exec;
        _cluster = cluster;
        _userName = userName;
        _environment = environment;
        _stdinIsTerminal = stdinIsTerminal;
        _cacheKey = JsonSerializer.Serialize(new object[] { exec.ApiVersion, exec.Command, exec.Args, exec.Env.Select(e => e.Key + "=" + e.Value), cluster.Server ?? string.Empty });
    }

    /// <summary>How many times a plugin was run in this process (tests prove "once per command").</summary>
    public static int Runs => _runs;

    private static int _runs;

    /// <inheritdoc />
    public async ValueTask<string?> AuthorizationAsync(CancellationToken cancellationToken) =>
        "Bearer " + (await CurrentAsync(forceRefresh: false, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async ValueTask<bool> RefreshAfterUnauthorizedAsync(CancellationToken cancellationToken)
    {
        await CurrentAsync(forceRefresh: true, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<string> CurrentAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!forceRefresh && Cache.TryGetValue(_cacheKey, out var cached) && (cached.Expires is null || cached.Expires > DateTimeOffset.UtcNow))
            {
                return cached.Token;
            }

            var fresh = await RunAsync(cancellationToken).ConfigureAwait(false);
            Cache[_cacheKey] = fresh;
            return fresh.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CachedCredential> RunAsync(CancellationToken cancellationToken)
    {
        var mode = _exec.InteractiveMode ?? "IfAvailable";
        if (mode == "Always" && !_stdinIsTerminal)
        {
            throw Failure("needs an interactive terminal (interactiveMode: Always) but standard input is not a terminal", null);
        }

        var interactive = mode != "Never" && _stdinIsTerminal;
        var start = new ProcessStartInfo(_exec.Command)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = !interactive,
            RedirectStandardInput = !interactive,
        };
        foreach (var arg in _exec.Args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in _exec.Env)
        {
            start.Environment[name] = value;
        }

        // Tests pass their own environment; PATH decides where a bare command name is found.
        if (_environment("PATH") is { } path)
        {
            start.Environment["PATH"] = path;
        }

        start.Environment["KUBERNETES_EXEC_INFO"] = ExecInfo(interactive).ToJsonString();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("not started");
        }
        catch (Win32Exception ex)
        {
            throw Failure($"cannot be run: {ex.Message}", null, ex);
        }

        Interlocked.Increment(ref _runs);
        using (process)
        {
            if (!interactive)
            {
                process.StandardInput.Close();
            }

            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = interactive ? Task.FromResult(string.Empty) : process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PluginTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw Failure($"did not finish within {PluginTimeout.TotalMinutes:0} minutes", null);
            }

            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw Failure($"failed with exit code {process.ExitCode}", errors);
            }

            return Parse(output, errors);
        }
    }

    private JsonObject ExecInfo(bool interactive)
    {
        var spec = new JsonObject { ["interactive"] = interactive };
        if (_exec.ProvideClusterInfo)
        {
            var cluster = new JsonObject { ["server"] = _cluster.Server };
            if (_cluster.TlsServerName is { } sni)
            {
                cluster["tls-server-name"] = sni;
            }

            if (_cluster.InsecureSkipTlsVerify)
            {
                cluster["insecure-skip-tls-verify"] = true;
            }

            var ca = _cluster.CertificateAuthorityData
                ?? (_cluster.CertificateAuthorityFile is { } file && File.Exists(file) ? Convert.ToBase64String(File.ReadAllBytes(file)) : null);
            if (ca is not null)
            {
                cluster["certificate-authority-data"] = ca;
            }

            if (_cluster.ProxyUrl is { } proxy)
            {
                cluster["proxy-url"] = proxy;
            }

            if (_cluster.ExecExtension is { } extension)
            {
                cluster["config"] = extension.DeepClone();
            }

            spec["cluster"] = cluster;
        }

        return new JsonObject { ["kind"] = "ExecCredential", ["apiVersion"] = _exec.ApiVersion, ["spec"] = spec };
    }

    private CachedCredential Parse(string output, string? stderr)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(output);
        }
        catch (JsonException)
        {
            throw Failure("wrote something other than an ExecCredential JSON object on stdout", stderr);
        }

        if (json?["kind"]?.GetValue<string>() != "ExecCredential" || json["apiVersion"]?.GetValue<string>() != _exec.ApiVersion)
        {
            throw Failure($"returned kind '{json?["kind"]}' apiVersion '{json?["apiVersion"]}', expected ExecCredential {_exec.ApiVersion}", stderr);
        }

        var status = json["status"];
        var token = status?["token"]?.GetValue<string>();
        if (string.IsNullOrEmpty(token))
        {
            throw Failure(status?["clientCertificateData"] is null
                ? "returned no token"
                : "returned a client certificate; jobman supports exec plugins that return a token", stderr);
        }

        DateTimeOffset? expires = status?["expirationTimestamp"]?.GetValue<string>() is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        return new CachedCredential(token, expires);
    }

    private JobmanException Failure(string what, string? stderr, Exception? inner = null)
    {
        var message = new StringBuilder($"exec credential plugin '{_exec.Command}' of kubeconfig user '{_userName}' {what}");
        if (!string.IsNullOrWhiteSpace(stderr))
        {
            message.Append(": ").Append(string.Join(' ', stderr.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }

        if (!string.IsNullOrWhiteSpace(_exec.InstallHint))
        {
            message.Append(" (").Append(string.Join(' ', _exec.InstallHint.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).Append(')');
        }

        return new JobmanException(message.ToString(), ExitCodes.Failed, inner);
    }

    private sealed record CachedCredential(string Token, DateTimeOffset? Expires);
}
