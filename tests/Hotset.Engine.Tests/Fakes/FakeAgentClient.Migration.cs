using System.Collections.Concurrent;
using Hotset.Core.Agent;

namespace Hotset.Engine.Tests.Fakes;

/// <summary>How a fake source ends a migration the next time it is asked about it.</summary>
public enum FakeMigrationMode
{
    /// <summary>Completed: the VM runs on the destination, the source's copy is Down.</summary>
    Complete,

    /// <summary>Stays <c>active</c> until the test changes the mode.</summary>
    Hold,

    /// <summary>Stays in <c>setup</c> (QEMU 10's hang) until cancelled.</summary>
    StuckInSetup,

    /// <summary>Failed with <see cref="FakeAgentClient.MigrationFailure"/>; the VM still runs on the source.</summary>
    Fail,
}

/// <summary>The migration verbs of the fake agent: a source sends to the fake destination named by the incoming URI.</summary>
public sealed partial class FakeAgentClient
{
    private readonly ConcurrentDictionary<string, Outgoing> _outgoing = new();

    public Guid HostId { get; init; }

    public FakeHostAgents? Network { get; init; }

    public FakeMigrationMode MigrationMode { get; set; } = FakeMigrationMode.Complete;

    public string MigrationFailure { get; set; } = "Migration failed: Unable to write to socket: Broken pipe";

    /// <summary>Thrown by <see cref="MigrateAsync"/> (e.g. agent error 12 for a VM that had a vCPU unplugged).</summary>
    public AgentException? MigrateError { get; set; }

    /// <summary>Thrown by <see cref="MigrationCreateAsync"/>.</summary>
    public AgentException? MigrationCreateError { get; set; }

    public IReadOnlyList<MigrationCreateCall> MigrationCreates => [.. _migrationCreates];

    private readonly ConcurrentQueue<MigrationCreateCall> _migrationCreates = new();

    public Task<MigrationCreateResult> MigrationCreateAsync(MigrationCreateCall call, CancellationToken ct) =>
        Run(AgentMethods.MigrationCreate, () =>
        {
            if (MigrationCreateError is { } error)
            {
                throw error;
            }

            _migrationCreates.Enqueue(call);
            var slots = call.VcpuSlots?.Count ?? call.VmParams.NumberOfCpus;
            Vms[call.VmId] = new FakeVm(call.VmId) { Status = "Migration Destination", VcpuCount = slots, GuestCpuCount = slots };
            return new MigrationCreateResult(call.VmId, "Migration Destination", $"fake:{HostId}");
        });

    public Task<MigrationStatus> MigrateAsync(MigrateCall call, CancellationToken ct) => Run(AgentMethods.Migrate, () =>
    {
        if (MigrateError is { } error)
        {
            throw error;
        }

        var vm = Find(call.VmId);
        var destination = Network![Guid.Parse(call.IncomingUri["fake:".Length..])];
        _outgoing[call.VmId] = new Outgoing(destination);
        vm.Status = "Migration Source";
        return Status(call.VmId, MigrationStatus.Setup, "", finished: false);
    });

    public Task<MigrationStatus> MigrateStatusAsync(string vmId, CancellationToken ct) =>
        Run(AgentMethods.MigrateStatus, () => Advance(vmId));

    public Task<MigrationStatus> MigrateCancelAsync(string vmId, CancellationToken ct) => Run(AgentMethods.MigrateCancel, () =>
    {
        if (!_outgoing.TryGetValue(vmId, out var outgoing) || outgoing.End is not null)
        {
            throw new AgentException(AgentErrorCodes.MigrationNotInProgress, "Migration not in progress");
        }

        return End(vmId, outgoing, MigrationStatus.Cancelled, "Migration cancelled; the VM keeps running here.");
    });

    private MigrationStatus Advance(string vmId)
    {
        if (!_outgoing.TryGetValue(vmId, out var outgoing))
        {
            return Vms.ContainsKey(vmId) ? Status(vmId, MigrationStatus.None, "", finished: false) : throw NoSuchVm();
        }

        if (outgoing.End is { } end)
        {
            return end;
        }

        if (!Vms.ContainsKey(vmId))
        {
            throw NoSuchVm();
        }

        return MigrationMode switch
        {
            FakeMigrationMode.Hold => Status(vmId, MigrationStatus.Active, "", finished: false),
            FakeMigrationMode.StuckInSetup => Status(vmId, MigrationStatus.Setup, "", finished: false),
            FakeMigrationMode.Fail => End(vmId, outgoing, MigrationStatus.Failed, MigrationFailure),
            _ => Complete(vmId, outgoing),
        };
    }

    private MigrationStatus Complete(string vmId, Outgoing outgoing)
    {
        var source = Find(vmId);
        var arrived = outgoing.Destination.Find(vmId);
        (arrived.Status, arrived.VcpuCount, arrived.GuestCpuCount) = ("Up", source.VcpuCount, source.GuestCpuCount);
        (source.Status, source.ExitMessage, source.ExitCode) = ("Down", "Migration succeeded", VmExitCodes.Normal);
        return outgoing.End = Status(vmId, MigrationStatus.Completed, "Migration succeeded", finished: true) with
        {
            TotalTimeMs = 550,
            DowntimeMs = 90,
            Progress = 100,
        };
    }

    private MigrationStatus End(string vmId, Outgoing outgoing, string status, string message)
    {
        Find(vmId).Status = "Up";
        if (outgoing.Destination.Vms.TryGetValue(vmId, out var copy))
        {
            copy.Status = "Down";
        }

        return outgoing.End = Status(vmId, status, message, finished: true);
    }

    private static MigrationStatus Status(string vmId, string status, string message, bool finished) => new()
    {
        VmId = vmId,
        Role = "source",
        Status = status,
        Message = message,
        Finished = finished,
    };

    private sealed class Outgoing(FakeAgentClient destination)
    {
        public FakeAgentClient Destination { get; } = destination;
        public MigrationStatus? End { get; set; }
    }
}
