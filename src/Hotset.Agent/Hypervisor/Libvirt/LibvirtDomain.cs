using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// One VM as a libvirt domain: <see cref="LibvirtVcpus"/>, <see cref="LibvirtGuestCpus"/> and
/// <see cref="LibvirtLifetime"/>, all through the agent's libvirt connection. libvirt keeps the domain running when
/// the agent stops; <see cref="DisposeAsync"/> only stops watching it.
/// </summary>
internal sealed class LibvirtDomain : IDomain
{
    private readonly LibvirtDomainRef _ref;
    private readonly LibvirtVcpus _vcpus;
    private readonly LibvirtLifetime _lifetime;

    public LibvirtDomain(
        LibvirtDomainRef domain, VmDefinition vm, QemuOptions qemu, VcpuTopology topology, LibvirtRunFiles files, int pid, int createdVcpus, LibvirtVcpuPins pins, ILogger logger)
    {
        _ref = domain;
        VmId = vm.VmId;
        var unplug = new LibvirtUnplug(domain, vm, topology, qemu.UnplugTimeout, logger);
        _vcpus = new LibvirtVcpus(domain, vm, topology, CreatedVcpusFile.Open(files.CreatedVcpusFile, createdVcpus), unplug, pins, logger);
        GuestCpus = new LibvirtGuestCpus(domain, qemu.GuestAgentTimeout);
        _lifetime = new LibvirtLifetime(domain, vm.VmId, files, pid, logger);
    }

    public string VmId { get; }

    /// <summary>The libvirt domain's name (<c>virsh</c> knows the VM by it).</summary>
    public string DomainName => _ref.Name;

    public IVcpuControl Vcpus => _vcpus;

    public IGuestCpus GuestCpus { get; }

    public IDomainLifetime Lifetime => _lifetime;

    /// <summary>vCPUs QEMU has created over this VM's life.</summary>
    internal int CreatedVcpus => _vcpus.Created;

    internal LibvirtDomainRef Ref => _ref;

    public async ValueTask DisposeAsync()
    {
        await _lifetime.ReleaseAsync();
        _vcpus.Dispose();
        _ref.Dispose();
    }
}
