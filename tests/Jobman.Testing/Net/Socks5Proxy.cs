using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jobman.Testing.Net;

/// <summary>
/// A minimal SOCKS5 proxy (RFC 1928: no authentication, CONNECT only) on 127.0.0.1 that records each requested
/// destination and relays the bytes, so clients configured with <c>socks5://</c> are proven to go through it.
/// </summary>
public sealed class Socks5Proxy : LoopbackTcpServer
{
    private readonly List<string> _destinations = [];

    public string Url => $"socks5://127.0.0.1:{Port}";

    /// <summary>The <c>host:port</c> of every CONNECT so far.</summary>
    public IReadOnlyList<string> Destinations
    {
        get
        {
            lock (_destinations)
            {
                return [.. _destinations];
            }
        }
    }

    protected override async Task ServeAsync(TcpClient client, CancellationToken token)
    {
        var stream = client.GetStream();
        var greeting = await ReadAsync(stream, 2, token);
        await ReadAsync(stream, greeting[1], token);
        await stream.WriteAsync(new byte[] { 5, 0 }, token);
        var request = await ReadAsync(stream, 4, token);
        string host = request[3] switch
        {
            1 => new IPAddress(await ReadAsync(stream, 4, token)).ToString(),
            4 => new IPAddress(await ReadAsync(stream, 16, token)).ToString(),
            3 => Encoding.ASCII.GetString(await ReadAsync(stream, (await ReadAsync(stream, 1, token))[0], token)),
            _ => throw new IOException("unknown address type"),
        };
        var port = BinaryPrimitives.ReadUInt16BigEndian(await ReadAsync(stream, 2, token));
        lock (_destinations)
        {
            _destinations.Add($"{host}:{port}");
        }

        using var upstream = new TcpClient();
        await upstream.ConnectAsync(host, port, token);
        await stream.WriteAsync(new byte[] { 5, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, token);
        var remote = upstream.GetStream();
        await Task.WhenAny(stream.CopyToAsync(remote, token), remote.CopyToAsync(stream, token));
    }

    private static async Task<byte[]> ReadAsync(Stream stream, int count, CancellationToken token)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, token);
        return buffer;
    }
}
