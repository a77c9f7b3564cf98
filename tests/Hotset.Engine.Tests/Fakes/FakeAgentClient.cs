using System.Collections.Concurrent;
using Hotset.Core.Agent;

namespace Hotset.Engine.Tests.Fakes;

/// <summary>
/// A host agent in memory: it runs the VMs it was asked to create and reports them as the real agent does. Tests
/// make it fail (<see cref="SetNumberOfCpusError"/>, <see cref="Unreachable"/>), hold a hot set mid-call
/// (<see cref="SetNumberOfCpusGate"/>) or change what it reports (<see cref="Vms"/>).
/// </summary>
public sealed partial class FakeAgentClient : IAgentClient
{
    public const string Address = "http://fake-host:54321";

    public ConcurrentDictionary<string, FakeVm> Vms { get; } = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    public HostCapabilities Capabilities { get; set; } = new()
    {
        HostName = "fake-host",
        CpuSockets = 1,
        CpuCores = 8,
        CpuThreads = 16,
        QemuVersion = "10.0.2",
        AgentVersion = "test",
        MaxVCpus = 255,
        OnlineCpus = [.. Enumerable.Range(0, 16)],
    };

    /// <summary>Every call fails as an unreachable host does.</summary>
    public bool Unreachable { get; set; }

    /// <summary>Every call but <see cref="SetNumberOfCpusAsync"/> is answered with this error (the agent is reachable).</summary>
    public AgentException? AnswerError { get; set; }

    /// <summary>Thrown by <see cref="SetNumberOfCpusAsync"/> instead of changing the VM.</summary>
    public AgentException? SetNumberOfCpusError { get; set; }

    /// <summary>Thrown by <see cref="CreateAsync"/>.</summary>
    public AgentException? CreateError { get; set; }

    /// <summary>When set, <see cref="SetNumberOfCpusAsync"/> waits for it before acting.</summary>
    public TaskCompletionSource? SetNumberOfCpusGate { get; set; }

    /// <summary>Completed when <see cref="SetNumberOfCpusAsync"/> is entered.</summary>
    public TaskCompletionSource SetNumberOfCpusEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Status word a created VM reports first.</summary>
    public string StartStatus { get; set; } = "Up";

    public IReadOnlyList<VmDefinition> Created => [.. _created];

    private readonly ConcurrentQueue<VmDefinition> _created = new();

    public Task<HostCapabilities> GetCapabilitiesAsync(CancellationToken ct) => Run("Host.getCapabilities", () => Capabilities);

    /// <summary>
    /// When set, <see cref="GetAllVmStatsAsync"/> runs it after taking the report and before answering, so a test
    /// can change the VM while the report is on its way (a report that is already out of date when it arrives).
    /// </summary>
    public Func<Task>? AfterStatsTaken { get; set; }

    public async Task<IReadOnlyList<VmStats>> GetAllVmStatsAsync(CancellationToken ct)
    {
        var report = await Run<IReadOnlyList<VmStats>>("Host.getAllVmStats", () => [.. Vms.Values.Select(v => v.Stats())]);
        if (AfterStatsTaken is { } after)
        {
            await after();
        }

        return report;
    }

    public Task<VmStats> GetStatsAsync(string vmId, CancellationToken ct) =>
        Run("VM.getStats", () => Find(vmId).Stats());

    public Task CreateAsync(VmDefinition definition, CancellationToken ct) => Run("VM.create", () =>
    {
        if (CreateError is { } error)
        {
            throw error;
        }

        _created.Enqueue(definition);
        return Vms[definition.VmId] = new FakeVm(definition.VmId)
        {
            Status = StartStatus,
            VcpuCount = definition.NumberOfCpus,
            GuestCpuCount = definition.NumberOfCpus,
        };
    });

    public Task DestroyAsync(string vmId, CancellationToken ct) =>
        Run("VM.destroy", () => Vms.TryRemove(vmId, out _) ? true : throw NoSuchVm());

    public Task ShutdownAsync(string vmId, int delaySeconds, CancellationToken ct) =>
        Run("VM.shutdown", () => Find(vmId).Status = "Powering down");

    public async Task SetNumberOfCpusAsync(string vmId, int numberOfCpus, CancellationToken ct)
    {
        Calls.Enqueue($"VM.setNumberOfCpus {numberOfCpus}");
        SetNumberOfCpusEntered.TrySetResult();
        if (SetNumberOfCpusGate is { } gate)
        {
            await gate.Task;
        }

        ThrowIfUnreachable();
        if (SetNumberOfCpusError is { } error)
        {
            throw error;
        }

        var vm = Find(vmId);
        vm.VcpuCount = numberOfCpus;
        vm.GuestCpuCount = numberOfCpus;
    }

    internal FakeVm Find(string vmId) => Vms.TryGetValue(vmId, out var vm) ? vm : throw NoSuchVm();

    internal static AgentException NoSuchVm() => new(AgentErrorCodes.NoSuchVm, "Virtual machine does not exist");

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new AgentException(AgentErrorCodes.Unreachable,
                $"The host agent at {Address} is unreachable: Connection refused.");
        }
    }

    internal Task<T> Run<T>(string method, Func<T> action)
    {
        Calls.Enqueue(method);
        ThrowIfUnreachable();
        if (AnswerError is { } error)
        {
            throw error;
        }

        return Task.FromResult(action());
    }
}

/// <summary>One VM of <see cref="FakeAgentClient"/>; tests change its fields to change what the host reports.</summary>
public sealed class FakeVm(string vmId)
{
    public string VmId { get; } = vmId;
    public string Status { get; set; } = "Up";
    public int VcpuCount { get; set; } = 1;
    public int GuestCpuCount { get; set; } = 1;

    /// <summary>Share of the guest's CPUs busy, 0–100; -1 unknown.</summary>
    public double CpuUsagePercent { get; set; } = -1;

    public string? ExitMessage { get; set; }
    public int ExitCode { get; set; }

    /// <summary>Guest CPU ids online; null: 0 … <see cref="GuestCpuCount"/> − 1.</summary>
    public IReadOnlyList<int>? GuestCpusOnline { get; set; }

    /// <summary>Host thread id of each vCPU; null: 4000 + the vCPU index for each of <see cref="VcpuCount"/>.</summary>
    public IReadOnlyList<int>? VcpuThreadIds { get; set; }

    public VmStats Stats() => new()
    {
        VmId = VmId,
        Status = Status,
        VcpuCount = VcpuCount,
        GuestCpuCount = GuestCpuCount,
        CpuUsagePercent = CpuUsagePercent,
        GuestCpusOnline = GuestCpusOnline ?? [.. Enumerable.Range(0, Math.Max(0, GuestCpuCount))],
        VcpuThreadIds = VcpuThreadIds ?? [.. Enumerable.Range(4000, Math.Max(0, VcpuCount))],
        ExitMessage = ExitMessage,
        ExitCode = ExitCode,
    };
}
