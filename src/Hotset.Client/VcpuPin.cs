namespace Hotset.Client;

/// <summary>One manual pin: vCPU <see cref="Vcpu"/> runs on host CPUs <see cref="CpuSet"/> (oVirt's cpuset syntax, e.g. <c>0-2,^1</c>).</summary>
public sealed record VcpuPin(int Vcpu, string CpuSet);
