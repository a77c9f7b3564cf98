using Hotset.Agent.Hypervisor.GuestAgent;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// One running QEMU, as its capabilities: <see cref="QemuVcpus"/> over QMP, <see cref="QemuGuestCpus"/> over the
/// guest agent, <see cref="QemuLifetime"/> for the process. QEMU is daemonized and outlives this object:
/// <see cref="DisposeAsync"/> only lets go of the connections; <see cref="IDomainLifetime.DestroyAsync"/> stops QEMU.
/// </summary>
internal sealed class QemuDomain : IDomain, IMigratableDomain
{
    private readonly QemuVcpuSlots _slots;
    private readonly QemuVcpus _vcpus;
    private readonly QemuLifetime _lifetime;
    private readonly QemuMigration _migration;

    internal QemuDomain(
        VmDefinition vm, QemuOptions options, QemuRunFiles files, int pid, int createdVcpus, QmpClient qmp, TimeProvider time, ILogger logger)
    {
        VmId = vm.VmId;
        var topology = VcpuTopology.For(vm, options.VcpuBudget);
        Monitor = new QemuMonitor(qmp, vm.VmName);
        _slots = new QemuVcpuSlots(Monitor, vm, topology, CreatedVcpusFile.Open(files.CreatedVcpusFile, createdVcpus));
        _vcpus = new QemuVcpus(
            Monitor, _slots, new VcpuPlug(Monitor, _slots, vm, logger),
            new VcpuUnplug(Monitor, _slots, vm, options.UnplugTimeout, time, logger), vm, topology, logger);
        GuestAgent = new GuestAgentClient(files.GuestAgentSocket, options.GuestAgentTimeout, time, logger);
        GuestCpus = new QemuGuestCpus(GuestAgent);
        _migration = new QemuMigration(Monitor, () => _slots.Created);
        _lifetime = new QemuLifetime(Monitor, vm.VmId, files, pid, time, logger);
    }

    public string VmId { get; }

    public IVcpuControl Vcpus => _vcpus;

    public IGuestCpus GuestCpus { get; }

    public IDomainLifetime Lifetime => _lifetime;

    public IDomainMigration Migration => _migration;

    internal QemuMigration QemuMigration => _migration;

    /// <summary>The guest agent connection (tests read the guest through it, one call at a time with the agent's own).</summary>
    internal GuestAgentClient GuestAgent { get; }

    /// <summary>The agent's QMP connection (tests reach QEMU through it).</summary>
    internal QemuMonitor Monitor { get; }

    /// <summary>vCPUs QEMU has created over this VM's life; at most <see cref="QemuOptions.VcpuBudget"/>.</summary>
    internal int CreatedVcpus => _slots.Created;

    internal Task LoadSlotsAsync(CancellationToken ct) => _vcpus.LoadSlotsAsync(ct);

    /// <summary>Sets the lifetime vCPU count when its file was lost (after a re-attach): what QEMU has now.</summary>
    internal void AssumeCreated(int created) => _slots.AssumeCreated(created);

    /// <summary>Lets go of QMP and waits for the exit watch to end; QEMU keeps running.</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifetime.ReleaseAsync();
        _slots.Dispose();
    }
}
