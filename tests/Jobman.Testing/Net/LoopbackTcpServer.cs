using System.Net;
using System.Net.Sockets;

namespace Jobman.Testing.Net;

/// <summary>A TCP server on 127.0.0.1 (port 0) that hands each accepted connection to <see cref="ServeAsync"/> until disposed.</summary>
public abstract class LoopbackTcpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    protected LoopbackTcpServer()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Serves one connection (disposed afterwards); I/O errors of the peer end it quietly.</summary>
    protected abstract Task ServeAsync(TcpClient client, CancellationToken cancellationToken);

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeOneAsync(client, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // stopped
        }
    }

    private async Task ServeOneAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using var _ = client;
        try
        {
            await ServeAsync(client, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client or the destination went away
        }
    }
}
