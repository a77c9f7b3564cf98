namespace Hotset.Hosting;

/// <summary>Prometheus metrics (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public const string Path = "/metrics";

    /// <summary>Serve <c>/metrics</c> (anonymously, like the health endpoints). False: no such endpoint.</summary>
    public bool Enabled { get; set; } = true;
}
