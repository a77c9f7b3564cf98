using System.Diagnostics.Metrics;

namespace Hotset.Agent.Hypervisor.Qmp;

/// <summary>
/// QMP commands that failed (QEMU's error reply, a timeout, a closed socket), counted on a .NET meter so the QMP
/// client needs no registry of its own; the agent's /metrics publishes them as <c>hotset_agent_qmp_errors_total</c>.
/// </summary>
public static class QmpMeter
{
    public const string Name = "Hotset.Agent.Qmp";
    public const string ErrorsInstrument = "qmp.errors";

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(ErrorsInstrument, description: "QMP commands that failed");

    public static void Failed(QmpException e) =>
        Errors.Add(1, new KeyValuePair<string, object?>("command", e.Command), new KeyValuePair<string, object?>("error_class", e.ErrorClass));
}
