using System.Text.Json;

namespace Hotset.Client;

/// <summary>Sockets × cores per socket × threads per core.</summary>
public sealed record CpuTopology(int Sockets, int Cores, int Threads)
{
    public int Vcpus => Sockets * Cores * Threads;

    public override string ToString() => $"{Sockets}x{Cores}x{Threads}";

    internal static CpuTopology? From(JsonElement? topology) => topology is { } t ? From(JsonFields.Of(t)) : null;

    internal static CpuTopology From(JsonFields t) => new(t.Int("sockets") ?? 1, t.Int("cores") ?? 1, t.Int("threads") ?? 1);
}
