using System.Globalization;
using Hotset.Core.Faults;
using Hotset.Core.Vms;

namespace Hotset.Core.Config;

/// <summary>
/// The engine configuration registry: SPEC §5 defaults per compatibility version plus an administrator's overrides
/// (oVirt's <c>engine-config</c>). Immutable; <see cref="With"/> returns a new registry. The engine persists overrides
/// and rebuilds the registry from them; the rules read limits through <see cref="LimitsFor"/>.
/// </summary>
public sealed class EngineConfig
{
    private static readonly Architecture[] Architectures = Enum.GetValues<Architecture>();
    private static readonly ConfigKey[] Keys = Enum.GetValues<ConfigKey>();
    private readonly IReadOnlyList<ConfigOverride> _overrides;

    private EngineConfig(IReadOnlyList<ConfigOverride> overrides) => _overrides = overrides;

    /// <summary>The shipped defaults, no overrides.</summary>
    public static EngineConfig Defaults { get; } = new([]);

    /// <summary>The overrides in force, in the order they were applied.</summary>
    public IReadOnlyList<ConfigOverride> Overrides => _overrides;

    /// <summary>
    /// This registry with <paramref name="overrides"/> applied after the existing ones. For one key, version and
    /// architecture the last override wins; an override for one architecture wins over one for all architectures.
    /// Throws <see cref="ArgumentException"/> when an override is invalid (check with <see cref="ValidateOverride"/>).
    /// </summary>
    public EngineConfig With(IEnumerable<ConfigOverride> overrides)
    {
        var added = overrides.ToList();
        var faults = added.SelectMany(ValidateOverride).ToList();
        if (faults.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", faults.Select(f => f.Message)), nameof(overrides));
        }

        return new EngineConfig([.. _overrides, .. added]);
    }

    /// <summary>Everything wrong with <paramref name="o"/>: unknown version, misplaced architecture, bad value.</summary>
    public static IReadOnlyList<Fault> ValidateOverride(ConfigOverride o)
    {
        var faults = new List<Fault>();
        if (!CompatibilityVersion.Supported.Contains(o.Version))
        {
            faults.Add(ConfigFaults.UnknownVersion(o.Version));
        }

        if (o.Architecture is not null && !ConfigKeys.IsPerArchitecture(o.Key))
        {
            faults.Add(ConfigFaults.ArchitectureNotApplicable(o.Key));
        }

        var value = o.Value?.Trim() ?? "";
        if (ConfigKeys.IsBoolean(o.Key))
        {
            if (!bool.TryParse(value, out _))
            {
                faults.Add(ConfigFaults.NotBoolean(o.Key, value));
            }
        }
        else if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            faults.Add(ConfigFaults.NotNumber(o.Key, value));
        }
        else if (number < 1 || number > ConfigKeys.MaximumOf(o.Key))
        {
            faults.Add(ConfigFaults.OutOfRange(o.Key, number));
        }

        return faults;
    }

    /// <summary>
    /// Every effective value, by key, then version, then architecture (per-architecture keys have one entry per
    /// architecture, the others one entry with a null architecture).
    /// </summary>
    public IReadOnlyList<ConfigEntry> Entries =>
    [
        .. from key in Keys
           from version in CompatibilityVersion.Supported
           from architecture in ConfigKeys.IsPerArchitecture(key) ? Architectures.Cast<Architecture?>() : [null]
           let overridden = Override(key, version, architecture ?? Architecture.X86_64)
           select new ConfigEntry(key, version, architecture,
               overridden ?? ConfigDefaults.ValueOf(key, version, architecture ?? Architecture.X86_64),
               overridden is null),
    ];

    /// <summary>The effective value of <paramref name="key"/> as text (<c>true</c>, <c>710</c> …).</summary>
    public string ValueOf(ConfigKey key, CompatibilityVersion version, Architecture architecture)
    {
        RequireSupported(version);
        return Override(key, version, architecture) ?? ConfigDefaults.ValueOf(key, version, architecture);
    }

    /// <summary>The limits for a cluster of this compatibility version and architecture.</summary>
    public CpuLimits LimitsFor(CompatibilityVersion version, Architecture architecture)
    {
        RequireSupported(version);
        int Number(ConfigKey key) => int.Parse(ValueOf(key, version, architecture), CultureInfo.InvariantCulture);
        bool Flag(ConfigKey key) => bool.Parse(ValueOf(key, version, architecture));
        return new CpuLimits(
            MaxVCpus: Number(ConfigKey.MaxNumOfVmCpus),
            MaxSockets: Number(ConfigKey.MaxNumOfVmSockets),
            MaxCpuPerSocket: Number(ConfigKey.MaxNumOfCpuPerSocket),
            MaxThreadsPerCpu: Number(ConfigKey.MaxNumOfThreadsPerCpu),
            CpusCoefficient: Number(ConfigKey.MaxNumOfCpusCoefficient),
            ManyVmCpus: Number(ConfigKey.ManyVmCpus),
            HotPlugSupported: Flag(ConfigKey.HotPlugCpuSupported),
            HotUnplugSupported: Flag(ConfigKey.HotUnplugCpuSupported));
    }

    private string? Override(ConfigKey key, CompatibilityVersion version, Architecture architecture)
    {
        var matching = _overrides.Where(o => o.Key == key && o.Version == version).ToList();
        var specific = matching.LastOrDefault(o => o.Architecture == architecture);
        var general = matching.LastOrDefault(o => o.Architecture is null);
        return (specific ?? general) is { } chosen ? Normalize(key, chosen.Value) : null;
    }

    private static string Normalize(ConfigKey key, string value) => ConfigKeys.IsBoolean(key)
        ? bool.Parse(value.Trim()) ? "true" : "false"
        : int.Parse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            .ToString(CultureInfo.InvariantCulture);

    private static void RequireSupported(CompatibilityVersion version)
    {
        if (!CompatibilityVersion.Supported.Contains(version))
        {
            throw new ArgumentOutOfRangeException(nameof(version), version,
                $"Compatibility version {version} is not supported; use 4.2 to 4.8.");
        }
    }
}
