using Hotset.Core.Faults;

namespace Hotset.Engine.Commands;

/// <summary>The outcome of a command: empty <see cref="Faults"/> means it was done.</summary>
public sealed record CommandResult(IReadOnlyList<Fault> Faults)
{
    public static CommandResult Ok { get; } = new([]);

    public bool Succeeded => Faults.Count == 0;

    public static CommandResult Fail(params Fault[] faults) => new(faults);

    public static CommandResult Fail(IEnumerable<Fault> faults) => new(faults.ToList());
}
