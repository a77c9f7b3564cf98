namespace Hotset.Agent.Hypervisor;

/// <summary>Changes and reports the live vCPUs of one VM (QMP <c>device_add</c>/<c>device_del</c>, or libvirt).</summary>
public interface IVcpuControl
{
    /// <summary>vCPUs QEMU has now.</summary>
    Task<int> GetVcpuCountAsync(CancellationToken ct);

    /// <summary>Host thread id of each vCPU, by vCPU index (QMP <c>query-cpus-fast</c>).</summary>
    Task<IReadOnlyList<VcpuThread>> GetVcpuThreadsAsync(CancellationToken ct);

    /// <summary>
    /// Plugs or unplugs vCPUs until the VM has <paramref name="numberOfCpus"/>, and returns how many it had right
    /// before. Unplug waits for the guest's eject under the configured timeout. Throws
    /// <see cref="HypervisorException"/> whose message says what the VM has now when QEMU refused or the change was
    /// partial.
    /// </summary>
    Task<int> SetVcpusAsync(int numberOfCpus, CancellationToken ct);
}

/// <summary>vCPU <see cref="Index"/> runs on host thread <see cref="ThreadId"/>.</summary>
public sealed record VcpuThread(int Index, int ThreadId);
