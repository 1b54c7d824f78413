using System.Diagnostics;
using System.Text;

namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>
/// A real CNCF distribution registry (Debian's docker-registry) on 127.0.0.1 with its own storage folder and config,
/// started for the test run and killed afterwards.
/// </summary>
internal sealed class RegistryServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private RegistryServer(Process process, int port, string folder, bool tls)
    {
        _process = process;
        Port = port;
        Folder = folder;
        BaseUrl = $"{(tls ? "https" : "http")}://127.0.0.1:{port}";
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>E.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The host:port used in image references.</summary>
    public string HostPort => $"127.0.0.1:{Port}";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<RegistryServer> StartAsync(string name, RegistryOptions options, string root)
    {
        // The port is free when chosen but the registry binds it later: another process may take it in between.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(name, options, root);
            }
            catch (PortTakenException) when (attempt < 3)
            {
                // Choose another port.
            }
        }
    }

    private static async Task<RegistryServer> StartOnceAsync(string name, RegistryOptions options, string root)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(Path.Combine(folder, "storage"));
        var port = FreePort.Next();
        var configPath = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(configPath, Config(options, folder, port));
        var start = new ProcessStartInfo(RegistryTools.RegistryBinary)
        {
            ArgumentList = { "serve", configPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        var server = new RegistryServer(process, port, folder, options.Tls is not null);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string Config(RegistryOptions options, string folder, int port)
    {
        var yaml = new StringBuilder($"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {folder}/storage
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
              secret: jobman-test-upload-secret

            """);
        if (options.Tls is { } tls)
        {
            yaml.Append($"""
                  tls:
                    certificate: {tls.Certificate}
                    key: {tls.Key}

                """);
        }

        if (options.HtpasswdFile is { } htpasswd)
        {
            yaml.Append($"""
                auth:
                  htpasswd:
                    realm: jobman-test
                    path: {htpasswd}

                """);
        }

        if (options.Token is { } token)
        {
            yaml.Append($"""
                auth:
                  token:
                    realm: {token.Realm}
                    service: {token.Service}
                    issuer: {token.Issuer}
                    rootcertbundle: {token.RootCertBundle}

                """);
        }

        return yaml.ToString();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    /// <summary>Polls <c>/v2/</c> until the registry answers anything (401 counts: auth is on), with a deadline.</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw Log.Contains("address already in use", StringComparison.Ordinal)
                    ? new PortTakenException(Log)
                    : new InvalidOperationException($"docker-registry exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await client.GetAsync($"{BaseUrl}/v2/");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
            catch (TaskCanceledException)
            {
                // Not listening yet; poll again.
            }
        }

        throw new TimeoutException($"docker-registry on {BaseUrl} not ready within 20 s:\n{Log}");
    }
}
