using System.ComponentModel.DataAnnotations;

namespace Hotset.Agent.Hooks;

/// <summary>Where hook scripts live and how long each may run (section <c>Hooks</c>).</summary>
public sealed class HookOptions
{
    public const string Section = "Hooks";

    /// <summary>Holds one directory per <see cref="HookPoint"/>, e.g. <c>before_set_num_of_cpus/</c>.</summary>
    [Required]
    public string Directory { get; set; } = "/usr/libexec/hotset-agent/hooks";

    /// <summary>A script still running after this long is killed (with its children) and counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
