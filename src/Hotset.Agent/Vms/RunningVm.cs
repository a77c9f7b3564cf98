using Hotset.Agent.Faults;
using Hotset.Agent.Hypervisor;
using Hotset.Core.Agent;

namespace Hotset.Agent.Vms;

/// <summary>
/// One VM the agent knows, from <c>VM.create</c> (or re-attach at start) to <c>VM.destroy</c>. Verbs that change
/// the VM take <see cref="EnterAsync"/> first, so they run one at a time per VM; reads need no turn.
/// </summary>
internal sealed class RunningVm(VmDefinition definition)
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private VmDefinition _definition = definition;
    private IDomain? _domain;
    private VmRunState _state = VmRunState.PoweringUp;
    private string? _exitMessage;
    private bool _destroying;
    private MigrationJob? _migration;

    public string VmId { get; } = definition.VmId;

    /// <summary>Orders the writes of this VM's record, so the last one written is the latest state.</summary>
    public SemaphoreSlim RecordGate { get; } = new(1, 1);

    public VmSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new VmSnapshot(_definition, _domain, _state, _exitMessage, _migration is { Finished: false } m ? m : null);
        }
    }

    public VmDefinition Definition
    {
        get { lock (_lock) { return _definition; } }
        set { lock (_lock) { _definition = value; } }
    }

    /// <summary>The VM's last migration on this host (running or ended); null when it never migrated here.</summary>
    public MigrationJob? Migration
    {
        get { lock (_lock) { return _migration; } }
        set { lock (_lock) { _migration = value; } }
    }

    /// <summary>The <c>MigrationInProgress</c> (51) fault when the VM is migrating (source or destination).</summary>
    public void RefuseWhileMigrating(string what)
    {
        if (Migration is { Finished: false } job)
        {
            throw new AgentFaultException(
                AgentErrorCodes.MigrationInProgress,
                $"Command not supported during migration: VM '{Definition.VmName}' is migrating ({job.Role}, {job.Status.Status}); {what} once the migration has ended, on the host where the VM runs then.");
        }
    }

    /// <summary>Waits for this VM's turn: changes of one VM never overlap. Dispose the result to end the turn.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        return new Turn(_turn);
    }

    /// <summary>The domain of a VM that is Up; otherwise the fault that says why the verb cannot run.</summary>
    public IDomain RequireUp()
    {
        var now = Snapshot();
        if (now is { State: VmRunState.Up, Domain: { } domain })
        {
            return domain;
        }

        throw new AgentFaultException(
            AgentErrorCodes.VmIsDown,
            now.State == VmRunState.PoweringUp
                ? $"Virtual machine is down: VM '{now.Definition.VmName}' is still powering up; try again when it is Up."
                : $"Virtual machine is down: VM '{now.Definition.VmName}' is Down ({now.ExitMessage}); destroy it and create it again.");
    }

    public void MarkUp(IDomain domain)
    {
        lock (_lock)
        {
            (_domain, _state, _exitMessage) = (domain, VmRunState.Up, null);
        }
    }

    public void MarkDown(string exitMessage)
    {
        lock (_lock)
        {
            (_domain, _state, _exitMessage) = (null, VmRunState.Down, exitMessage);
        }
    }

    /// <summary>
    /// Lets go of <paramref name="domain"/> when it is still this VM's and no destroy is running; true when the caller
    /// now owns it (the exit watcher, the shutdown watchdog).
    /// </summary>
    public bool TryDetach(IDomain domain)
    {
        lock (_lock)
        {
            if (_destroying || !ReferenceEquals(_domain, domain))
            {
                return false;
            }

            _domain = null;
            return true;
        }
    }

    /// <summary>Starts <c>VM.destroy</c>: from now on a QEMU exit is the destroy's to handle. Returns the domain, if any.</summary>
    public IDomain? BeginDestroy()
    {
        lock (_lock)
        {
            _destroying = true;
            return _domain;
        }
    }

    /// <summary>Ends a destroy that failed: the VM stays as it was.</summary>
    public void AbortDestroy()
    {
        lock (_lock)
        {
            _destroying = false;
        }
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}

/// <summary>A consistent view of a <see cref="RunningVm"/> at one moment.</summary>
internal sealed record VmSnapshot(VmDefinition Definition, IDomain? Domain, VmRunState State, string? ExitMessage, MigrationJob? Migrating = null)
{
    /// <summary>VDSM's word; an Up VM that is migrating is <c>Migration Source</c> or <c>Migration Destination</c>.</summary>
    public string StatusWord => (State, Migrating?.Role) switch
    {
        (VmRunState.Up, MigrationJob.SourceRole) => AgentVmStatus.MigrationSource,
        (VmRunState.Up, MigrationJob.DestinationRole) => AgentVmStatus.MigrationDestination,
        _ => State.ToStatusWord(),
    };
}
