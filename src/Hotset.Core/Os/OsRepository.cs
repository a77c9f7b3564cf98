using Hotset.Core.Vms;

namespace Hotset.Core.Os;

/// <summary>
/// The guest OS types the engine knows, read from osinfo-style properties with inheritance (oVirt's
/// <c>osinfo-defaults.properties</c>): <c>os.&lt;id&gt;.&lt;attribute&gt;.value = …</c>, where an OS without a value
/// takes its <c>derivedFrom</c> parent's. Attributes read: <c>name</c>, <c>derivedFrom</c>, <c>cpuArchitecture</c>,
/// <c>cpu.hotplugSupport</c> and <c>cpu.hotunplugSupport</c> (<c>true</c>, <c>false</c> or <c>reboot</c>), and
/// <c>resources.minimum.numberOfCpus</c>; other keys are ignored. Roots default to x86_64, plug supported, unplug not
/// (SPEC §5), minimum 1 CPU.
/// </summary>
public sealed class OsRepository
{
    private const string ResourceName = "Hotset.Core.Vms.osinfo.properties";
    private static readonly Lazy<OsRepository> DefaultRepository = new(LoadDefault);
    private readonly Dictionary<string, GuestOs> _byId;

    private OsRepository(IEnumerable<GuestOs> all)
    {
        All = [.. all.OrderBy(os => os.Id, StringComparer.Ordinal)];
        _byId = All.ToDictionary(os => os.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The repository shipped inside this assembly (<c>Vms/osinfo.properties</c>).</summary>
    public static OsRepository Default => DefaultRepository.Value;

    /// <summary>Every OS, by id.</summary>
    public IReadOnlyList<GuestOs> All { get; }

    /// <summary>
    /// Parses <paramref name="propertiesText"/>, e.g. an administrator's own file. Throws
    /// <see cref="FormatException"/> naming every problem (line, key, what is expected) when the text is invalid.
    /// </summary>
    public static OsRepository Parse(string propertiesText)
    {
        var errors = new List<string>();
        var properties = PropertiesReader.Read(propertiesText, errors);
        var resolved = OsInfoResolver.Resolve(properties, errors);
        errors.AddRange(resolved.GroupBy(os => os.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"OS ids {string.Join(" and ", g.Select(os => os.Id))} differ only in case; rename one."));
        return errors.Count > 0
            ? throw new FormatException("Invalid osinfo properties: " + string.Join(" ", errors.Distinct()))
            : new OsRepository(resolved);
    }

    /// <summary>The OS with this id (case-insensitive), or null.</summary>
    public GuestOs? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The OS with this id, or "Other OS" (<see cref="GuestOs.OtherId"/>) when the id is unknown.</summary>
    public GuestOs FindOrOther(string id) =>
        Find(id) ?? Find(GuestOs.OtherId)
        ?? new GuestOs(GuestOs.OtherId, "Other OS", Architecture.X86_64, HotSetSupport.Supported, HotSetSupport.Unsupported, 1);

    /// <summary>
    /// The OS with this id, or the "Other" OS of <paramref name="architecture"/> (<c>other</c>, <c>other_ppc64</c>,
    /// <c>other_linux_s390x</c>) when the id is unknown, so an unknown OS type on ppc64 gets ppc64's answers.
    /// </summary>
    public GuestOs FindOrOther(string id, Architecture architecture) =>
        Find(id) ?? Find(OtherIdFor(architecture)) ?? FindOrOther(id);

    internal static string OtherIdFor(Architecture architecture) => architecture switch
    {
        Architecture.Ppc64 => "other_ppc64",
        Architecture.S390x => "other_linux_s390x",
        _ => GuestOs.OtherId,
    };

    private static OsRepository LoadDefault()
    {
        using var stream = typeof(OsRepository).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from Hotset.Core.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
