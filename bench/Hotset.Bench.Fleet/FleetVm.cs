namespace Hotset.Bench.Fleet;

/// <summary>A VM the harness created and started, and the engine's id of the host it runs on.</summary>
public sealed record FleetVm(string Id, string Name, string HostId);
