using System.Diagnostics;
using System.Net;
using Hotset.Bench.Hosts;

namespace Hotset.Bench;

/// <summary>
/// Brings the engine's VM to a stable count between timed requests: stored sockets, the engine's <c>vcpu_count</c>
/// (so monitoring has polled since the change) and <c>guest_cpu_count</c> all equal. When that does not happen —
/// monitoring recorded a raw vCPU, or reconciled on a sample taken before a hot set finished — it puts the VM back
/// through the API (or the agent) and counts a repair.
/// </summary>
public sealed class EngineSettler(EngineApi engine, AgentRpc agent, string id, string agentVmId)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public int Repairs { get; private set; }

    public List<string> Incidents { get; } = [];

    public async Task SettleAsync(int cpus, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var vm = await UntilAsync(v => v.Sockets == cpus && v.VcpuCount == cpus && v.GuestCpuCount == cpus, ct);
            if (vm is null)
            {
                return;
            }

            if (attempt >= 3)
            {
                throw new TimeoutException($"VM {id} did not settle at {cpus} vCPUs: the engine shows {vm}.");
            }

            Repairs++;
            var host = await agent.StatsAsync(agentVmId, ct);
            Incidents.Add($"engine showed {vm} while the host had {host.VcpuCount} vCPUs, expected {cpus}");
            if (vm.Sockets != cpus)
            {
                await engine.PutSocketsAsync(id, cpus, ct);
            }
            else if (host.VcpuCount != cpus)
            {
                await agent.SetCpusAsync(agentVmId, cpus, ct);
            }
        }
    }

    /// <summary><c>VM.setNumberOfCpus</c> straight to the agent, behind the engine's back (settle afterwards).</summary>
    public Task SetThroughAgentAsync(int cpus, CancellationToken ct) => agent.SetCpusAsync(agentVmId, cpus, ct);

    /// <summary><c>PUT</c> sockets; true when the answer is 200 and the hot set was applied.</summary>
    public async Task<bool> PutAsync(int sockets, CancellationToken ct)
    {
        var (status, hotSet) = await engine.PutSocketsAsync(id, sockets, ct);
        var applied = status == HttpStatusCode.OK && hotSet.StartsWith("applied", StringComparison.Ordinal);
        if (!applied)
        {
            Incidents.Add($"PUT sockets={sockets} answered {(int)status} with '{hotSet}'");
        }

        return applied;
    }

    /// <summary>Null once <paramref name="done"/> holds; the last VM seen when <see cref="Patience"/> ran out.</summary>
    private async Task<EngineVm?> UntilAsync(Func<EngineVm, bool> done, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var vm = await engine.GetVmAsync(id, ct);
            if (done(vm))
            {
                return null;
            }

            if (Stopwatch.GetElapsedTime(start) > Patience)
            {
                return vm;
            }

            await Task.Delay(100, ct);
        }
    }
}
