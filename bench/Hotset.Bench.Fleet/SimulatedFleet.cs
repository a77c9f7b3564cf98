namespace Hotset.Bench.Fleet;

/// <summary>
/// A SIMULATED fleet: <c>n</c> host agents with the simulated hypervisor, each on its own port, secret and state
/// directory, hosted in this one process (a hundred agent processes would not fit two cores). No QEMU runs; the
/// engine sees each as a separate host and can tell them from real ones only by the hypervisor name they report.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private SimulatedFleet(IReadOnlyList<SimulatedHost> hosts) => Hosts = hosts;

    public IReadOnlyList<SimulatedHost> Hosts { get; }

    public static async Task<SimulatedFleet> StartAsync(int count, string root, CancellationToken ct)
    {
        var hosts = Enumerable.Range(1, count)
            .Select(i => new SimulatedHost($"sim{i:D3}", Path.Combine(root, $"sim{i:D3}")))
            .ToList();
        var fleet = new SimulatedFleet(hosts);
        try
        {
            foreach (var host in hosts)
            {
                await host.StartAsync(ct);
            }
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }

        return fleet;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.StopAsync();
        }
    }
}
