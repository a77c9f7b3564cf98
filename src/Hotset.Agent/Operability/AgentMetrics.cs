using System.Diagnostics.Metrics;
using Hotset.Agent.Hypervisor.Qmp;
using Prometheus;

namespace Hotset.Agent.Operability;

/// <summary>
/// The agent's Prometheus metrics, in a registry of its own (one per agent): verb latency by verb and agent error
/// code, and the QMP commands that failed (from <see cref="QmpMeter"/>). Names in docs/operations.md.
/// </summary>
public sealed class AgentMetrics : IDisposable
{
    private readonly Histogram _verbSeconds;
    private readonly Counter _qmpErrors;
    private readonly MeterListener _qmp = new();

    public AgentMetrics()
    {
        var metrics = Metrics.WithCustomRegistry(Registry);
        _verbSeconds = metrics.CreateHistogram("hotset_agent_verb_duration_seconds",
            "Time of one JSON-RPC verb (hooks and hypervisor included), by verb and result code (0: success, else the agent error code).",
            new HistogramConfiguration { LabelNames = ["verb", "code"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 17) });
        _qmpErrors = metrics.CreateCounter("hotset_agent_qmp_errors_total",
            "QMP commands that failed, by command and QEMU's error class (Disconnected and Timeout when QEMU did not answer).",
            new CounterConfiguration { LabelNames = ["command", "error_class"] });
        DotNetStats.Register(Registry);

        _qmp.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == QmpMeter.Name && instrument.Name == QmpMeter.ErrorsInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _qmp.SetMeasurementEventCallback<long>((_, value, tags, _) => _qmpErrors.WithLabels(Tag(tags, "command"), Tag(tags, "error_class")).Inc(value));
        _qmp.Start();
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public void VerbDone(string verb, int code, TimeSpan elapsed) =>
        _verbSeconds.WithLabels(verb, code.ToString(System.Globalization.CultureInfo.InvariantCulture)).Observe(elapsed.TotalSeconds);

    public void Dispose() => _qmp.Dispose();

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string ?? "";
            }
        }

        return "";
    }
}
