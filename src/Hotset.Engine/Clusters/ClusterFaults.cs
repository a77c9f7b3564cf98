using Hotset.Core.Faults;

namespace Hotset.Engine.Clusters;

/// <summary>Faults of the cluster commands.</summary>
public static class ClusterFaults
{
    public static Fault NameInUse(string name) => new(
        "CLUSTER_NAME_IN_USE", FaultKind.Conflict, $"A cluster named '{name}' already exists; choose another name.");
}
