using System.Net;
using System.Net.Sockets;

namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

internal static class FreePort
{
    /// <summary>A loopback port free right now (the registry binds it itself, so it cannot be handed a socket).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
