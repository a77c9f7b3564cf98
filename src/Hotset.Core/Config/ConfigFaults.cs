using Hotset.Core.Faults;
using Hotset.Core.Vms;

namespace Hotset.Core.Config;

/// <summary>Faults of an invalid engine configuration override (HTTP 400).</summary>
public static class ConfigFaults
{
    public static Fault UnknownVersion(CompatibilityVersion version) => new(
        "CONFIG_UNKNOWN_VERSION", FaultKind.BadRequest,
        $"Compatibility version {version} has no engine configuration; use one of "
        + $"{string.Join(", ", CompatibilityVersion.Supported)}.");

    public static Fault NotBoolean(ConfigKey key, string value) => new(
        "CONFIG_VALUE_NOT_BOOLEAN", FaultKind.BadRequest, $"{key} takes true or false, not '{value}'.");

    public static Fault NotNumber(ConfigKey key, string value) => new(
        "CONFIG_VALUE_NOT_NUMBER", FaultKind.BadRequest, $"{key} takes a whole number, not '{value}'.");

    public static Fault OutOfRange(ConfigKey key, int value) => new(
        "CONFIG_VALUE_OUT_OF_RANGE", FaultKind.BadRequest,
        ConfigKeys.MaximumOf(key) == int.MaxValue
            ? $"{key} must be at least 1, not {value}."
            : $"{key} must be between 1 and {ConfigKeys.MaximumOf(key)}, not {value}.");

    public static Fault ArchitectureNotApplicable(ConfigKey key) => new(
        "CONFIG_ARCHITECTURE_NOT_APPLICABLE", FaultKind.BadRequest,
        $"{key} has one value for all architectures; set it without an architecture.");
}
