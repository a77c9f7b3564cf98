using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotset.Core.Faults;
using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Properties;

/// <summary>Invariants of the CPU rules over generated topologies, requests and pinnings.</summary>
[Properties(Arbitrary = [typeof(CpuArbitraries)], MaxTest = 500)]
public sealed class CpuRuleProperties
{
    [Property]
    public void MaxVCpus_WithinLimits_IsWholeSocketsAndNeverAboveMaxNumOfVmCpus(LimitedTopology x)
    {
        var max = MaxVCpus.Compute(x.Topology, x.Version, x.Architecture, x.Chipset, x.Limits);

        Assert.Equal(0, max % x.Topology.CpusPerSocket);
        Assert.InRange(max, 0, x.Limits.MaxVCpus);
    }

    [Property]
    public void MaxVCpus_Q35OrNotX86_AtLeastCurrentVcpus(LimitedTopology x)
    {
        if (x.Chipset == Chipset.Q35 || x.Architecture != Architecture.X86_64)
        {
            Assert.True(MaxVCpus.Compute(x.Topology, x.Version, x.Architecture, x.Chipset, x.Limits) >= x.Topology.VCpus);
        }
    }

    /// <summary>On i440fx a VM fits when its sockets fit the APIC id bits left and it has at most 240 vCPUs.</summary>
    [Property]
    public void MaxVCpus_I440fxApicFit_AtLeastCurrentVcpus(LimitedTopology x)
    {
        var t = x.Topology;
        var bits = MaxVCpus.Bits(t.Threads) + MaxVCpus.Bits(t.Cores);
        var fits = x.Architecture == Architecture.X86_64 && x.Chipset == Chipset.I440fx && bits <= 8
            && t.Sockets <= 1 << (8 - bits) && t.VCpus <= MaxVCpus.I440fxLimit;
        if (fits)
        {
            Assert.True(MaxVCpus.Compute(t, x.Version, x.Architecture, x.Chipset, x.Limits) >= t.VCpus);
        }
    }

    [Property]
    public void Decision_CoresOrThreadsChange_NeverHotSets(HotSetDecisionInput input)
    {
        var action = HotSetDecision.Decide(input);

        if (input.Current.Cores != input.Requested.Cores || input.Current.Threads != input.Requested.Threads)
        {
            Assert.True(action is HotSetAction.NextRun or HotSetAction.PlainUpdate);
        }
    }

    [Property]
    public void Decision_HotSetOnlyWhenUpWithoutNextRunAndPolicyAllows(HotSetDecisionInput input)
    {
        var action = HotSetDecision.Decide(input);

        if (action is HotSetAction.HotPlug or HotSetAction.HotUnplug)
        {
            Assert.Equal(VmStatus.Up, input.Status);
            Assert.False(input.NextRun);
            Assert.False(input.PinningPolicy.IsExclusive());
            Assert.Equal(action == HotSetAction.HotPlug, input.Requested.Sockets > input.Current.Sockets);
        }

        if (input.Status == VmStatus.Down)
        {
            Assert.Equal(HotSetAction.PlainUpdate, action);
        }
    }

    [Property]
    public void Validation_RulesInAnyOrder_SameFaults(VmCpuUpdateContext context, int seed)
    {
        var shuffled = VmUpdateValidation.Rules.OrderBy(_ => new Random(seed).Next()).Reverse();
        var collected = shuffled.SelectMany(rule => rule(context)).ToList();

        Assert.Equal(FaultOrder.Sort(collected), VmUpdateValidation.Validate(context));
    }

    [Property]
    public void Validation_Result_SortedDeterministicWithoutDuplicates(VmCpuUpdateContext context)
    {
        var faults = VmUpdateValidation.Validate(context);

        Assert.Equal(faults.OrderBy(f => FaultOrder.Rank(f.Code)).ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal), faults);
        Assert.Equal(faults.Count, faults.Distinct().Count());
        Assert.Equal(faults, VmUpdateValidation.Validate(context));
    }

    /// <summary>No fault means the total is within every limit (the rules are not silently skipped).</summary>
    [Property]
    public void Validation_NoFaults_RequestWithinLimits(VmCpuUpdateContext context)
    {
        if (VmUpdateValidation.Validate(context).Count > 0)
        {
            return;
        }

        var r = context.Requested;
        Assert.True(r.Sockets >= 1 && r.Cores >= 1 && r.Threads >= 1);
        Assert.InRange(r.VCpus, context.Os.MinimumCpus, context.Limits.MaxVCpus);
        Assert.InRange(r.Sockets, 1, context.Limits.MaxSockets);
        if (context.MaxVCpusOverride is { } max)
        {
            Assert.InRange(max, r.VCpus, context.Limits.MaxVCpus);
            Assert.Equal(0, max % r.CpusPerSocket);
        }

        if (context.StartedMaxVCpus > 0 && HotSetDecision.Decide(context.DecisionInput) == HotSetAction.HotPlug)
        {
            Assert.True(r.VCpus <= context.StartedMaxVCpus);
        }
    }

    [Property]
    public void Validation_LimitFaults_AreConflictsOtherRowsAreBadRequests(VmCpuUpdateContext context)
    {
        foreach (var fault in VmUpdateValidation.Validate(context))
        {
            var expected = fault.Code.StartsWith("MAX_NUM", StringComparison.Ordinal)
                || fault.Code.StartsWith("MIN_NUM", StringComparison.Ordinal)
                || fault.Code.StartsWith("MAX_VCPUS_OVERRIDE", StringComparison.Ordinal)
                || fault.Code is "GUEST_OS_MIN_CPUS" or "CPU_ABOVE_STARTED_MAX" or "CPU_TOPOLOGY_NOT_STARTABLE"
                    ? FaultKind.Conflict
                    : fault.Code == "CPU_HOT_PLUG_NOT_SUPPORTED_WITH_PINNING_POLICY" ? FaultKind.NotSupported : FaultKind.BadRequest;
            Assert.Equal(expected, fault.Kind);
        }
    }

    [Property]
    public void Pinning_ToStringThenParse_RoundTrips(CpuPinning pinning)
    {
        var text = pinning.ToString();

        Assert.True(CpuPinning.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(pinning, parsed);
        Assert.Equal(text, parsed.ToString());
    }

    [Property]
    public void CpuSet_FormatThenParse_RoundTrips(int[] cpus)
    {
        var set = cpus.Select(c => Math.Abs(c % 200)).ToHashSet();
        if (set.Count == 0)
        {
            return;
        }

        Assert.True(CpuSet.TryParse(CpuSet.Format(set), out var parsed));
        Assert.True(parsed.SetEquals(set));
    }
}
