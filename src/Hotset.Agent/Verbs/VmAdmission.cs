using Hotset.Agent.Faults;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary>
/// Taking a new VM onto this host, for <c>VM.create</c> and <c>VM.migrationCreate</c> alike: one VM id at a time, and
/// a start that fails, even after QEMU started, leaves nothing behind for a person to clean up.
/// </summary>
internal sealed class VmAdmission(VmRegistry registry, VmStateStore store)
{
    /// <summary>The VM, now registered; a VM with that id already here is refused.</summary>
    public RunningVm Register(VmDefinition definition)
    {
        var vm = new RunningVm(definition);
        if (!registry.TryAdd(vm))
        {
            throw new AgentFaultException(
                AgentErrorCodes.VmExists,
                $"Virtual machine already exists: VM '{definition.VmId}' is {registry.Get(definition.VmId).Snapshot().StatusWord} on this host; destroy it first.");
        }

        return vm;
    }

    /// <summary>Destroys what was started of <paramref name="vm"/> and forgets it.</summary>
    public async Task AbandonAsync(RunningVm vm, IDomain? domain)
    {
        try
        {
            if (domain is not null)
            {
                await domain.Lifetime.DestroyAsync(CancellationToken.None);
                await domain.DisposeAsync();
            }
        }
        finally
        {
            registry.Remove(vm);
            store.Delete(vm.VmId);
        }
    }
}
