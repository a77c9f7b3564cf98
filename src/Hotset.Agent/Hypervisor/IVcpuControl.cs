namespace Hotset.Agent.Hypervisor;

/// <summary>Changes and reports the live vCPUs of one VM (QMP <c>device_add</c>/<c>device_del</c>, or libvirt).</summary>
public interface IVcpuControl
{
    /// <summary>vCPUs QEMU has now.</summary>
    Task<int> GetVcpuCountAsync(CancellationToken ct);

    /// <summary>Host thread id of each vCPU, by vCPU index (QMP <c>query-cpus-fast</c>).</summary>
    Task<IReadOnlyList<VcpuThread>> GetVcpuThreadsAsync(CancellationToken ct);

    /// <summary>
    /// Plugs or unplugs vCPUs until the VM has <paramref name="numberOfCpus"/>. Unplug waits for the guest's eject
    /// under the configured timeout. Throws <see cref="HypervisorException"/> whose message says what the VM has now
    /// when QEMU refused or the change was partial.
    /// </summary>
    Task SetVcpusAsync(int numberOfCpus, CancellationToken ct);

    /// <summary>
    /// <see cref="SetVcpusAsync(int, CancellationToken)"/> for a caller that read the live count
    /// (<paramref name="liveCount"/>) right before, in the same turn: a driver may use it instead of asking again.
    /// </summary>
    Task SetVcpusAsync(int numberOfCpus, int liveCount, CancellationToken ct) => SetVcpusAsync(numberOfCpus, ct);
}

/// <summary>vCPU <see cref="Index"/> runs on host thread <see cref="ThreadId"/>.</summary>
public sealed record VcpuThread(int Index, int ThreadId);
