using System.Globalization;
using System.Text.RegularExpressions;
using Hotset.Core.Vms;

namespace Hotset.Core.Os;

/// <summary>Turns <c>os.&lt;id&gt;.&lt;attribute&gt;.value</c> properties into <see cref="GuestOs"/> records, following <c>derivedFrom</c>.</summary>
internal static partial class OsInfoResolver
{
    private const string DerivedFrom = "derivedFrom";
    private const string Name = "name";
    private const string CpuArchitecture = "cpuArchitecture";
    private const string Hotplug = "cpu.hotplugSupport";
    private const string Hotunplug = "cpu.hotunplugSupport";
    private const string MinimumCpus = "resources.minimum.numberOfCpus";

    [GeneratedRegex(@"^os\.(?<id>[A-Za-z0-9_]+)\.(?<attribute>[A-Za-z0-9_.]+)\.value$")]
    private static partial Regex KeyPattern();

    public static IReadOnlyList<GuestOs> Resolve(IReadOnlyList<PropertiesReader.Property> properties, List<string> errors)
    {
        var table = new Dictionary<string, Dictionary<string, PropertiesReader.Property>>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            var match = KeyPattern().Match(property.Key);
            if (!match.Success)
            {
                continue;
            }

            var attributes = table.TryGetValue(match.Groups["id"].Value, out var found)
                ? found
                : table[match.Groups["id"].Value] = new(StringComparer.Ordinal);
            attributes[match.Groups["attribute"].Value] = property;
        }

        var result = new List<GuestOs>();
        foreach (var id in table.Keys.Order(StringComparer.Ordinal))
        {
            var chain = Chain(id, table, errors);
            if (chain is null)
            {
                continue;
            }

            PropertiesReader.Property? Where(string attribute) =>
                chain.Select(os => table[os].GetValueOrDefault(attribute)).FirstOrDefault(p => p is not null);

            var os = new GuestOs(
                id,
                table[id].GetValueOrDefault(Name)?.Value ?? id,
                ParseArchitecture(Where(CpuArchitecture), errors),
                ParseSupport(Where(Hotplug), HotSetSupport.Supported, errors),
                ParseSupport(Where(Hotunplug), HotSetSupport.Unsupported, errors),
                ParseMinimum(Where(MinimumCpus), errors));
            result.Add(os);
        }

        return result;
    }

    /// <summary><paramref name="id"/> and its ancestors, nearest first; null (and an error) on a loop or a missing parent.</summary>
    private static List<string>? Chain(string id, Dictionary<string, Dictionary<string, PropertiesReader.Property>> table, List<string> errors)
    {
        var chain = new List<string> { id };
        var current = id;
        while (table[current].GetValueOrDefault(DerivedFrom) is { } parent)
        {
            if (!table.ContainsKey(parent.Value))
            {
                errors.Add($"Line {parent.Line}: os.{current} derives from '{parent.Value}', which is not defined.");
                return null;
            }

            if (chain.Contains(parent.Value))
            {
                errors.Add($"Line {parent.Line}: os.{id} derives from itself ({string.Join(" -> ", chain)} -> {parent.Value}).");

                return null;
            }

            chain.Add(parent.Value);
            current = parent.Value;
        }

        return chain;
    }

    private static Architecture ParseArchitecture(PropertiesReader.Property? property, List<string> errors)
    {
        if (property is null)
        {
            return Architecture.X86_64;
        }

        if (OvirtNames.TryParseArchitecture(property.Value, out var architecture))
        {
            return architecture;
        }

        errors.Add($"Line {property.Line}: {property.Key} must be x86_64, ppc64 or s390x, not '{property.Value}'.");
        return Architecture.X86_64;
    }

    private static HotSetSupport ParseSupport(PropertiesReader.Property? property, HotSetSupport fallback, List<string> errors)
    {
        switch (property?.Value.ToLowerInvariant())
        {
            case null: return fallback;
            case "true": return HotSetSupport.Supported;
            case "false": return HotSetSupport.Unsupported;
            case "reboot": return HotSetSupport.RebootRequired;
            default:
                errors.Add($"Line {property.Line}: {property.Key} must be true, false or reboot, not '{property.Value}'.");
                return fallback;
        }
    }

    private static int ParseMinimum(PropertiesReader.Property? property, List<string> errors)
    {
        if (property is null)
        {
            return 1;
        }

        if (int.TryParse(property.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var cpus) && cpus >= 1)
        {
            return cpus;
        }

        errors.Add($"Line {property.Line}: {property.Key} must be a whole number of at least 1, not '{property.Value}'.");
        return 1;
    }
}
