namespace Hotset.Engine.Vms.Migration;

/// <summary>
/// oVirt MigrateVm / MigrateVmToServer: move running VM <paramref name="VmId"/> to host <paramref name="HostId"/>
/// or the host named <paramref name="HostName"/>; neither lets the engine choose.
/// </summary>
public sealed record MigrateVm(Guid VmId, Guid? HostId, string? HostName, Caller Caller);
