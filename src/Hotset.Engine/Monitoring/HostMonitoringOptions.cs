using System.ComponentModel.DataAnnotations;

namespace Hotset.Engine.Monitoring;

/// <summary>How often the engine polls its hosts (bound from <c>Engine:Monitoring</c>).</summary>
public sealed class HostMonitoringOptions
{
    public const string Section = "Engine:Monitoring";

    /// <summary>Time between two polls of every host (<c>Host.getAllVmStats</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Polls in a row that must report the same differing vCPU count before the engine stores it as the truth, so a
    /// change still in progress is not mistaken for one the engine missed.
    /// </summary>
    [Range(2, 100)]
    public int StableSamples { get; set; } = 2;
}
