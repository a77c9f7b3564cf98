using Hotset.Core.Config;
using Hotset.Core.Vms;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Persistence.Config;

namespace Hotset.Engine.Api.EngineConfig;

/// <summary>
/// <c>/ovirt-engine/api/hotset/config</c>, the role of oVirt's <c>engine-config</c> tool: <c>GET</c> lists every
/// effective value (<c>?key=MaxNumOfVmCpus</c> filters), <c>PUT</c> an <c>&lt;entry&gt;</c> with key, version, optional
/// architecture and value sets one (validated, persisted, in force at once), <c>DELETE ?key=&amp;version=[&amp;architecture=]</c>
/// restores the default.
/// </summary>
public static class EngineConfigEndpoints
{
    private static readonly InputShape Shape = new("entry") { "key", "version", "architecture", "value", "default" };

    public static IEndpointRouteBuilder MapEngineConfig(this IEndpointRouteBuilder api)
    {
        var config = api.MapGroup("/hotset/config").WithTags("engine-config");
        config.MapGet("/", ListAsync).WithSummary("Every engine configuration value in force (engine-config -a).").RequireOnSystem(ActionGroup.ReadSystem);
        config.MapPut("/", SetAsync).WithSummary("Set one value for a version (and architecture) (engine-config -s).")
            .RequireOnSystem(ActionGroup.ConfigureSystem);
        config.MapDelete("/", ResetAsync).WithSummary("Restore the default of one value.").RequireOnSystem(ActionGroup.ConfigureSystem);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IEngineConfigProvider provider, CancellationToken ct)
    {
        var key = request.Query["key"].FirstOrDefault();
        var entries = (await provider.GetAsync(ct)).Entries
            .Where(e => key is null || e.Key.ToString().Equals(key, StringComparison.OrdinalIgnoreCase));
        return new NodeResult(Node.Collection("engine_config", "entry", entries.Select(ToNode)));
    }

    private static async Task<IResult> SetAsync(HttpRequest request, IEngineConfigProvider provider, CancellationToken ct)
    {
        var (node, fault) = await ApiInput.ReadAsync(request, Shape, ct);
        if (node is null)
        {
            return fault!;
        }

        var errors = new InputErrors();
        var value = Parse(node.Value("key"), node.Value("version"), node.Value("architecture"), node.Value("value"), errors);
        if (value is null)
        {
            return errors.ToFault();
        }

        var faults = await provider.SetAsync(value, ct);
        return faults.Count > 0 ? faults.ToFaultResult() : new NodeResult(ToNode(await Effective(provider, value, ct)));
    }

    private static async Task<IResult> ResetAsync(HttpRequest request, IEngineConfigProvider provider, CancellationToken ct)
    {
        var errors = new InputErrors();
        var q = request.Query;
        var value = Parse(q["key"].FirstOrDefault(), q["version"].FirstOrDefault(), q["architecture"].FirstOrDefault(), "", errors);
        if (value is null)
        {
            return errors.ToFault();
        }

        await provider.ResetAsync(value, ct);
        return new NodeResult(ToNode(await Effective(provider, value, ct)));
    }

    private static ConfigOverride? Parse(string? key, string? version, string? architecture, string? value, InputErrors errors)
    {
        if (!Enum.TryParse<ConfigKey>(key, ignoreCase: true, out var parsedKey) || int.TryParse(key, out _))
        {
            errors.Add($"'{key}' is not a configuration key; use one of {string.Join(", ", Enum.GetNames<ConfigKey>())}.");
        }

        if (!CompatibilityVersion.TryParse(version, out var parsedVersion))
        {
            errors.Add($"'{version}' is not a compatibility version such as 4.8.");
        }

        Architecture? arch = null;
        if (!string.IsNullOrEmpty(architecture))
        {
            if (OvirtNames.TryParseArchitecture(architecture, out var parsed))
            {
                arch = parsed;
            }
            else
            {
                errors.Add($"'{architecture}' is not an architecture; use x86_64, ppc64 or s390x.");
            }
        }

        if (value is null)
        {
            errors.Add("The entry needs a <value>.");
        }

        return errors.Any ? null : new ConfigOverride(parsedKey, parsedVersion, arch, value!);
    }

    private static async Task<ConfigEntry> Effective(IEngineConfigProvider provider, ConfigOverride value, CancellationToken ct) =>
        (await provider.GetAsync(ct)).Entries.First(e => e.Key == value.Key && e.Version == value.Version
            && (e.Architecture == value.Architecture || (value.Architecture is null && e.Architecture is Architecture.X86_64)));

    private static Node ToNode(ConfigEntry e) => new Node("entry")
        .Add("key", e.Key.ToString())
        .Add("version", e.Version.ToString())
        .Add("architecture", e.Architecture?.ToOvirtName())
        .Add("value", e.Value)
        .Add("default", e.IsDefault);
}
