using System.Security.Cryptography;
using System.Text;

namespace Hotset.Engine.Api.Statistics;

/// <summary>
/// One value of oVirt's <c>&lt;statistic&gt;</c>: a dotted <paramref name="Name"/> (<c>cpu.current.guest</c>), what it
/// means, its <paramref name="Kind"/> (<c>gauge</c>, <c>counter</c>), value <paramref name="Type"/> (<c>integer</c>,
/// <c>decimal</c>) and <paramref name="Unit"/> (<c>bytes</c>, <c>percent</c>, <c>none</c>), and the value now.
/// </summary>
public sealed record Statistic(string Name, string Description, string Kind, string Type, string Unit, double Datum)
{
    /// <summary>The same id for the same name on every VM or host (oVirt's statistic ids are name based too).</summary>
    public Guid Id => new(SHA256.HashData(Encoding.UTF8.GetBytes(Name)).AsSpan(0, 16));

    public static Statistic Gauge(string name, string description, string unit, long datum) =>
        new(name, description, "gauge", "integer", unit, datum);

    public static Statistic Percent(string name, string description, double datum) =>
        new(name, description, "gauge", "decimal", "percent", Math.Round(datum, 2));
}
