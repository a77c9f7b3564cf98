namespace Hotset.Core.Vms;

/// <summary>Sockets × cores per socket × threads per core; <see cref="VCpus"/> is their product.</summary>
public readonly record struct CpuTopology(int Sockets, int Cores, int Threads)
{
    public int VCpus => Sockets * Cores * Threads;

    /// <summary>vCPUs in one socket: the step in which a running VM grows or shrinks.</summary>
    public int CpusPerSocket => Cores * Threads;

    public CpuTopology WithSockets(int sockets) => this with { Sockets = sockets };

    public override string ToString() => $"{Sockets}x{Cores}x{Threads}";
}
