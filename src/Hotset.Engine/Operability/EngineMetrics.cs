using Hotset.Engine.Vms;
using Prometheus;

namespace Hotset.Engine.Operability;

/// <summary>
/// The engine's Prometheus metrics, in a registry of its own (one per engine, so engines in one test process do not
/// mix): hot sets by outcome and their latency, and the monitoring cycle's duration. VMs and hosts by status come
/// from <see cref="InventoryGauges"/> at each scrape. Names in docs/operations.md.
/// </summary>
public sealed class EngineMetrics
{
    private readonly Counter _hotSets;
    private readonly Histogram _hotSetSeconds;
    private readonly Histogram _monitoringSeconds;

    public EngineMetrics()
    {
        var metrics = Metrics.WithCustomRegistry(Registry);
        _hotSets = metrics.CreateCounter("hotset_hot_sets_total",
            "Hot sets of a running VM's CPUs (the update's child step), by outcome: applied, failed, next_run.",
            new CounterConfiguration { LabelNames = ["outcome"] });
        _hotSetSeconds = metrics.CreateHistogram("hotset_hot_set_duration_seconds",
            "Time of the hot-set step, checks and the host's VM.setNumberOfCpus included, by outcome.",
            new HistogramConfiguration { LabelNames = ["outcome"], Buckets = Histogram.ExponentialBuckets(0.005, 2, 14) });
        _monitoringSeconds = metrics.CreateHistogram("hotset_monitoring_cycle_duration_seconds",
            "Time of one monitoring round: every host polled once (Host.getAllVmStats) and its VMs brought up to date.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 15) });
        foreach (var result in Enum.GetValues<HotSetResult>())
        {
            _hotSets.WithLabels(OutcomeOf(result));
        }

        DotNetStats.Register(Registry);
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public void HotSetDone(HotSetResult result, TimeSpan elapsed)
    {
        var outcome = OutcomeOf(result);
        _hotSets.WithLabels(outcome).Inc();
        _hotSetSeconds.WithLabels(outcome).Observe(elapsed.TotalSeconds);
    }

    public void MonitoringRoundDone(TimeSpan elapsed) => _monitoringSeconds.Observe(elapsed.TotalSeconds);

    /// <summary>The outcome as the <c>Hotset-Cpu-Hot-Set</c> header spells it.</summary>
    public static string OutcomeOf(HotSetResult result) => result switch
    {
        HotSetResult.Applied => "applied",
        HotSetResult.Failed => "failed",
        HotSetResult.NextRun => "next_run",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };
}
