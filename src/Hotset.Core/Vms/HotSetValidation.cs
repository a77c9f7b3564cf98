using Hotset.Core.Faults;
using Hotset.Core.Os;

namespace Hotset.Core.Vms;

/// <summary>
/// The hot-set child step's checks: the VM is Up, the cluster's version and architecture support the plug or
/// unplug (<c>HotPlugCpuSupported</c>/<c>HotUnplugCpuSupported</c>), and so does the guest OS. Failures become event
/// 2034 (messages joined by ","); the update still answers 200. In <see cref="FaultOrder"/> (by code here), so the order is stable.
/// </summary>
public static class HotSetValidation
{
    public static IReadOnlyList<Fault> Validate(HotSetContext context)
    {
        if (context.Action is not (HotSetAction.HotPlug or HotSetAction.HotUnplug))
        {
            return [];
        }

        var faults = new List<Fault>();
        if (context.Status != VmStatus.Up)
        {
            faults.Add(VmFaults.HotSetVmNotUp(context.Status));
        }

        var plug = context.Action == HotSetAction.HotPlug;
        if (!(plug ? context.Limits.HotPlugSupported : context.Limits.HotUnplugSupported))
        {
            faults.Add(plug
                ? VmFaults.HotPlugNotSupportedForCluster(context.Version, context.Architecture)
                : VmFaults.HotUnplugNotSupportedForCluster(context.Version, context.Architecture));
        }

        if (OsSupport(context) == HotSetSupport.Unsupported)
        {
            faults.Add(plug
                ? VmFaults.HotPlugNotSupportedForGuestOs(context.Os, context.Architecture)
                : VmFaults.HotUnplugNotSupportedForGuestOs(context.Os, context.Architecture));
        }

        return FaultOrder.Sort(faults);
    }

    /// <summary>
    /// <b>Better:</b> the guest OS takes this change only at boot (the seed's "Reboot Required"): when
    /// <see cref="Validate"/> found nothing, the engine stores the change as next run and records
    /// <see cref="VmFaults.GuestOsRequiresReboot"/> as an event instead of calling the host.
    /// </summary>
    public static bool RequiresReboot(HotSetContext context) => OsSupport(context) == HotSetSupport.RebootRequired;

    private static HotSetSupport? OsSupport(HotSetContext context) => context.Action switch
    {
        HotSetAction.HotPlug => context.Os.CpuHotplug,
        HotSetAction.HotUnplug => context.Os.CpuHotunplug,
        _ => null,
    };
}
