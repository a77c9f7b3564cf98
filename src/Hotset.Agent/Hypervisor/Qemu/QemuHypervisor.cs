using System.Globalization;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Core.Agent;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// Runs each VM as its own daemonized QEMU process (it survives an agent restart) and drives it over QMP; see
/// <see cref="QemuCommandLine"/> for the command line and <see cref="QemuDomain"/> for what a running VM can do.
/// </summary>
public sealed partial class QemuHypervisor(IOptions<QemuOptions> options, TimeProvider time, ILogger<QemuHypervisor> logger)
    : IHypervisor, IIncomingMigration
{
    private readonly QemuOptions _options = options.Value;
    private readonly TimeProvider _time = time;
    private HypervisorInfo? _info;

    public Task<HypervisorInfo> GetInfoAsync(CancellationToken ct)
    {
        if (_info is null)
        {
            if (QemuVersion.Check(_options.Binary, out var version) is { } problem)
            {
                throw new HypervisorException(problem);
            }

            var machines = QemuVersion.ParseMachines(QemuVersion.Run(_options.Binary, "-machine help"));
            _info = new HypervisorInfo(version!.ToString(), machines, _options.VcpuBudget, UsesLibvirt: false);
        }

        return Task.FromResult(_info);
    }

    public async Task<IDomain> StartAsync(VmDefinition definition, string runDirectory, CancellationToken ct) =>
        await StartCoreAsync(definition, runDirectory, null, ct);

    public async Task<(IDomain Domain, string IncomingUri)> StartIncomingAsync(
        VmDefinition definition, IReadOnlyList<int> vcpuSlots, string runDirectory, CancellationToken ct)
    {
        var domain = await StartCoreAsync(definition with { NumberOfCpus = vcpuSlots.Count }, runDirectory, vcpuSlots, ct);
        try
        {
            var files = new QemuRunFiles(Path.GetFullPath(runDirectory));
            var listen = _options.MigrationAddress.Length == 0
                ? $"unix:{files.MigrationSocket}"
                : $"tcp:{_options.MigrationAddress}:0";
            await domain.QemuMigration.ListenAsync(listen, ct);
            var uri = _options.MigrationAddress.Length == 0
                ? listen
                : await domain.QemuMigration.ListeningTcpAddressAsync(ct)
                    ?? throw new HypervisorException($"QEMU of VM '{definition.VmName}' listens for its migration but did not say on which port.");
            LogListening(logger, definition.VmId, uri);
            return (domain, uri);
        }
        catch
        {
            await domain.Lifetime.DestroyAsync(CancellationToken.None);
            await domain.DisposeAsync();
            throw;
        }
    }

    private async Task<QemuDomain> StartCoreAsync(VmDefinition definition, string runDirectory, IReadOnlyList<int>? vcpuSlots, CancellationToken ct)
    {
        var files = PrepareRunDirectory(definition, runDirectory);
        var topology = VcpuTopology.For(definition, _options.VcpuBudget);
        Validate(definition, topology);
        var (kernel, initrd) = BootFiles(definition);
        var args = QemuCommandLine.Build(definition, _options, files, topology, kernel, initrd, vcpuSlots, incoming: vcpuSlots is not null);

        var started = _time.GetTimestamp();
        await RunDaemonizingAsync(definition, args, ct);
        var pid = QemuProcess.ReadNumberFile(files.PidFile)
            ?? throw new HypervisorException($"QEMU started VM '{definition.VmName}' but wrote no PID to {files.PidFile}.");
        File.WriteAllText(files.CreatedVcpusFile, definition.NumberOfCpus.ToString(CultureInfo.InvariantCulture));
        try
        {
            var qmp = await QmpClient.ConnectAsync(files.QmpSocket, _options.QmpTimeout, logger, ct);
            var elapsed = _time.GetElapsedTime(started).TotalMilliseconds;
            LogStarted(logger, definition.VmId, pid, definition.NumberOfCpus, definition.MaxVCpus, elapsed);
            var domain = new QemuDomain(definition, _options, files, pid, definition.NumberOfCpus, qmp, _time, logger);
            await domain.LoadSlotsAsync(ct);
            return domain;
        }
        catch (QmpException e)
        {
            QemuProcess.Kill(pid);
            throw new HypervisorException($"QEMU started VM '{definition.VmName}' but its QMP socket does not answer: {e.Message}", e);
        }
    }

    public async Task<IDomain?> AttachAsync(VmDefinition definition, string runDirectory, CancellationToken ct)
    {
        var files = new QemuRunFiles(Path.GetFullPath(runDirectory));
        if (QemuProcess.ReadNumberFile(files.PidFile) is not { } pid || !QemuProcess.IsAlive(pid) || !QemuProcess.CommandLineContains(pid, files.QmpSocket))
        {
            return null;
        }

        QmpClient qmp;
        try
        {
            qmp = await QmpClient.ConnectAsync(files.QmpSocket, _options.QmpTimeout, logger, ct);
        }
        catch (QmpException) when (!QemuProcess.IsAlive(pid))
        {
            return null;
        }
        catch (QmpException e)
        {
            throw new HypervisorException($"QEMU of VM '{definition.VmName}' (pid {pid}) runs but its QMP socket does not answer: {e.Message}", e);
        }

        var created = CreatedVcpusFile.Read(files.CreatedVcpusFile) ?? 0;
        var domain = new QemuDomain(definition, _options, files, pid, created, qmp, _time, logger);
        if (await domain.Vcpus.GetVcpuCountAsync(ct) is var live && live > created)
        {
            // The count was lost (or the agent stopped between a device_add and its write): what QEMU has now is a lower bound.
            domain.AssumeCreated(live);
        }

        await domain.LoadSlotsAsync(ct);

        LogAttached(logger, definition.VmId, pid);
        return domain;
    }

    [LoggerMessage(EventId = 3311, Level = LogLevel.Information, Message = "VM {VmId}: QEMU pid {Pid} started with {Vcpus} of at most {MaxVcpus} vCPUs in {Milliseconds} ms")]
    private static partial void LogStarted(ILogger logger, string vmId, int pid, int vcpus, int maxVcpus, double milliseconds);

    [LoggerMessage(EventId = 3313, Level = LogLevel.Information, Message = "VM {VmId}: QEMU waits for the incoming migration on {Uri}")]
    private static partial void LogListening(ILogger logger, string vmId, string uri);

    [LoggerMessage(EventId = 3312, Level = LogLevel.Information, Message = "VM {VmId}: re-attached to QEMU pid {Pid}")]
    private static partial void LogAttached(ILogger logger, string vmId, int pid);
}
