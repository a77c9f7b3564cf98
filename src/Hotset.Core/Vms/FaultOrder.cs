using Hotset.Core.Faults;

namespace Hotset.Core.Vms;

/// <summary>The one order faults are reported in: by code, then message (ordinal), without duplicates.</summary>
internal static class FaultOrder
{
    public static IReadOnlyList<Fault> Sort(IEnumerable<Fault> faults) =>
    [
        .. faults.Distinct()
            .OrderBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal),
    ];
}
