namespace Hotset.Engine.Vms;

/// <summary>A VM's id and its stored version (<see cref="Vm.Version"/>, bumped by every write).</summary>
public readonly record struct VmVersion(Guid Id, long Version);
