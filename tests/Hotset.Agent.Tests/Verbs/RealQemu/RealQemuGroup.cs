namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>Real-QEMU test classes of the agent run one after another: two cores are shared by every VM and the build.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealQemuGroup
{
    public const string Name = "Real QEMU agent";
}
