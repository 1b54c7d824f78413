using System.Net.Sockets;
using System.Text;

namespace Jobman.Testing.Net;

/// <summary>An HTTP proxy that only records each request line and answers 502 Bad Gateway: proves a client used it.</summary>
public sealed class RecordingHttpProxy : LoopbackTcpServer
{
    private readonly List<string> _lines = [];

    public string Url => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<string> RequestLines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    protected override async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var line = await reader.ReadLineAsync(cancellationToken);
        lock (_lines)
        {
            _lines.Add(line ?? string.Empty);
        }

        await stream.WriteAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken);
    }
}
