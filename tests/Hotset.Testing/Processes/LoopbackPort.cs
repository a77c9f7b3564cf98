using System.Net;
using System.Net.Sockets;

namespace Hotset.Testing.Processes;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on right now, for an agent or engine a test starts.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
