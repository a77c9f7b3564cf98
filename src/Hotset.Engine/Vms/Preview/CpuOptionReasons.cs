using Hotset.Core.Vms;

namespace Hotset.Engine.Vms.Preview;

/// <summary>
/// The <c>reason</c> of a <c>next_run</c> CPU option, by the hot-set decision's reason. (The guest OS that needs a
/// reboot gives the text of event 20033 instead.)
/// </summary>
public static class CpuOptionReasons
{
    public static string Of(HotSetReason reason, Vm vm) => reason switch
    {
        HotSetReason.VmDown =>
            $"VM {vm.Name} is down: the new topology is stored now and used when the VM starts.",
        HotSetReason.NextRunRequested =>
            $"next_run was asked for: the change is stored in the next-run configuration and applied when VM {vm.Name} next starts.",
        HotSetReason.VmNotUp =>
            $"VM {vm.Name} is {vm.Status.ToOvirtName()}, not up: the change is stored in the next-run configuration and applied when it next starts.",
        HotSetReason.CoresOrThreadsChanged =>
            "Cores or threads change too: the whole topology is stored in the next-run configuration.",
        HotSetReason.ExclusivePinningPolicy =>
            "The CPU pinning policy does not allow hot plug: the change is stored in the next-run configuration.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a reason to wait for the next run."),
    };
}
