using System.Globalization;
using Hotset.Agent.Hypervisor.Libvirt.Native;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Core.Agent;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// Runs each VM as a libvirt domain through libvirt's C library (never <c>virsh</c>): defined from the VM definition
/// (<see cref="DomainXml"/>) and started; found again by name (<see cref="LibvirtOptions.DomainPrefix"/> + VM id) after an
/// agent restart. Admins see the VMs in <c>virsh list</c>.
/// </summary>
public sealed partial class LibvirtHypervisor(
    IOptions<LibvirtOptions> options, IOptions<QemuOptions> qemuOptions, VcpuPinner pinner, ILogger<LibvirtHypervisor> logger) : IHypervisor, IDisposable
{
    public const string Name = "libvirt";

    private readonly LibvirtOptions _options = options.Value;
    private readonly QemuOptions _qemu = qemuOptions.Value;
    private readonly LibvirtConnection _connection = new(options.Value.Uri, logger);
    private HypervisorInfo? _info;

    /// <summary>The pinning of this driver's vCPUs (<c>virDomainPinVcpu</c>), the agent's <see cref="IThreadAffinity"/> with libvirt.</summary>
    internal LibvirtVcpuPins Pins { get; } = new(pinner);

    public async Task<HypervisorInfo> GetInfoAsync(CancellationToken ct)
    {
        if (_info is null)
        {
            var (qemu, lib) = await RunAsync(conn => LibvirtNative.ConnectGetVersion(conn, out var q) < 0 || LibvirtNative.ConnectGetLibVersion(conn, out var l) < 0
                ? throw LibvirtError.Exception("Cannot read libvirt's versions")
                : (q, l), ct);
            var machines = QemuVersion.ParseMachines(QemuVersion.Run(DomainXml.Emulator(_qemu.Binary), "-machine help"));
            var (qemuVersion, libVersion) = (Version(qemu), Version(lib));
            _info = new HypervisorInfo(qemuVersion, machines, _options.VcpuBudget, UsesLibvirt: true) { Name = Name };
            LogConnected(logger, _options.Uri, libVersion, qemuVersion);
        }

        return _info;
    }

    public async Task<IDomain> StartAsync(VmDefinition definition, string runDirectory, CancellationToken ct)
    {
        var files = new LibvirtRunFiles(Path.GetFullPath(runDirectory));
        if (files.GuestAgentSocket.Length > QemuRunFiles.MaxSocketPath)
        {
            throw new HypervisorException($"Cannot start VM '{definition.VmName}': its run directory {files.Directory} is too long for Unix sockets; use a shorter state directory.");
        }

        var topology = VcpuTopology.For(definition, _options.VcpuBudget);
        Validate(definition, topology);
        var (kernel, initrd) = BootFiles(definition);
        Directory.CreateDirectory(files.Directory);
        File.Delete(files.ConsoleLog);
        File.Delete(files.GuestAgentSocket);
        var name = DomainName(definition);
        var xml = DomainXml.Build(name, definition, _qemu, topology, kernel, initrd, files);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await RunAsync(conn =>
        {
            using (var stale = LibvirtNative.DomainLookupByName(conn, name))
            {
                if (!stale.IsInvalid)
                {
                    if (LibvirtNative.DomainIsActive(stale) == 1)
                    {
                        throw new LibvirtCallException(0, $"libvirt already runs a domain '{name}'");
                    }

                    LibvirtNative.DomainUndefine(stale);
                }
            }

            using var defined = LibvirtNative.DomainDefineXml(conn, xml);
            if (defined.IsInvalid)
            {
                throw LibvirtError.Exception("libvirt refused the domain definition");
            }

            if (LibvirtNative.DomainCreate(defined) < 0)
            {
                var failure = LibvirtError.Exception("libvirt could not start the domain");
                LibvirtNative.DomainUndefine(defined);
                throw failure;
            }

            return 0;
        }, ct, $"Cannot start VM '{definition.VmName}'");

        var pid = ProcessIdOf(name) ?? 0;
        File.WriteAllText(files.CreatedVcpusFile, definition.NumberOfCpus.ToString(CultureInfo.InvariantCulture));
        LogStarted(logger, definition.VmId, name, pid, definition.NumberOfCpus, definition.MaxVCpus, clock.Elapsed.TotalMilliseconds);
        return new LibvirtDomain(new LibvirtDomainRef(_connection, name), definition, _qemu, topology, files, pid, definition.NumberOfCpus, Pins, logger);
    }

    public async Task<IDomain?> AttachAsync(VmDefinition definition, string runDirectory, CancellationToken ct)
    {
        var name = DomainName(definition);
        var active = await RunAsync(conn =>
        {
            using var domain = LibvirtNative.DomainLookupByName(conn, name);
            return !domain.IsInvalid && LibvirtNative.DomainIsActive(domain) == 1;
        }, ct);
        if (!active || ProcessIdOf(name) is not { } pid || !QemuProcess.IsAlive(pid))
        {
            return null;
        }

        var files = new LibvirtRunFiles(Path.GetFullPath(runDirectory));
        var topology = VcpuTopology.For(definition, _options.VcpuBudget);
        var domainRef = new LibvirtDomainRef(_connection, name);
        var live = (await domainRef.QmpAsync("query-cpus-fast", null, ct) as System.Text.Json.Nodes.JsonArray)?.Count ?? 0;
        var created = Math.Max(CreatedVcpusFile.Read(files.CreatedVcpusFile) ?? 0, live);
        LogAttached(logger, definition.VmId, name, pid);
        return new LibvirtDomain(domainRef, definition, _qemu, topology, files, pid, created, Pins, logger);
    }

    /// <summary>The libvirt domain name of a VM.</summary>
    public string DomainName(VmDefinition vm) => _options.DomainPrefix + vm.VmId;

    public void Dispose() => _connection.Dispose();

    private async Task<T> RunAsync<T>(Func<Native.ConnectHandle, T> call, CancellationToken ct, string? what = null)
    {
        try
        {
            return await _connection.RunAsync(call, ct);
        }
        catch (LibvirtCallException e)
        {
            throw new HypervisorException(what is null ? e.Message : $"{what}: {e.Message}", e);
        }
    }

    private void Validate(VmDefinition vm, VcpuTopology topology)
    {
        if (vm.NumberOfCpus < 1 || vm.NumberOfCpus > vm.MaxVCpus)
        {
            throw new HypervisorException($"Cannot start VM '{vm.VmName}' with {vm.NumberOfCpus} vCPUs: it needs between 1 and its maximum of {vm.MaxVCpus}.");
        }

        if (vm.CoresPerSocket < 1 || vm.ThreadsPerCore < 1 || vm.MaxVCpus > topology.Slots)
        {
            throw new HypervisorException(
                $"Cannot start VM '{vm.VmName}' with at most {vm.MaxVCpus} vCPUs of {vm.CoresPerSocket} cores × {vm.ThreadsPerCore} threads per socket: libvirt on this host offers {topology.Slots} vCPU slots for that topology (Libvirt:VcpuBudget {_options.VcpuBudget}).");
        }
    }

    private (string Kernel, string? Initrd) BootFiles(VmDefinition vm) =>
        !string.IsNullOrEmpty(vm.Kernel) ? (vm.Kernel, vm.Initrd)
        : _qemu.GuestKernel.Length > 0 ? (_qemu.GuestKernel, _qemu.GuestInitrd.Length > 0 ? _qemu.GuestInitrd : null)
        : throw new HypervisorException(
            $"Cannot start VM '{vm.VmName}': it brings no kernel and Qemu:GuestKernel is not set. Set Qemu:GuestKernel (and Qemu:GuestInitrd) to the kernel and initramfs of VMs that bring none, e.g. the test guest's .guest/vmlinux and .guest/initramfs.cpio.gz ('make guest').");

    // A privileged libvirtd writes QEMU's PID here (the private test daemon too: only its sockets move).
    private static int? ProcessIdOf(string name) => QemuProcess.ReadNumberFile(Path.Combine("/run/libvirt/qemu", name + ".pid"));

    private static string Version(ulong v) => string.Create(CultureInfo.InvariantCulture, $"{v / 1_000_000}.{v / 1000 % 1000}.{v % 1000}");

    [LoggerMessage(EventId = 3408, Level = LogLevel.Information, Message = "Connected to libvirt {LibVersion} at {Uri}, QEMU {QemuVersion}")]
    private static partial void LogConnected(ILogger logger, string uri, string libVersion, string qemuVersion);

    [LoggerMessage(EventId = 3409, Level = LogLevel.Information, Message = "VM {VmId}: libvirt domain {Domain} (QEMU pid {Pid}) started with {Vcpus} of at most {MaxVcpus} vCPUs in {Milliseconds} ms")]
    private static partial void LogStarted(ILogger logger, string vmId, string domain, int pid, int vcpus, int maxVcpus, double milliseconds);

    [LoggerMessage(EventId = 3410, Level = LogLevel.Information, Message = "VM {VmId}: re-attached to libvirt domain {Domain} (QEMU pid {Pid})")]
    private static partial void LogAttached(ILogger logger, string vmId, string domain, int pid);
}
