using System.CommandLine;
using Hotset.Client;

namespace Hotset.Cli.Commands;

/// <summary><c>hotset config get|set|reset KEY [--version V] [--arch A]</c>, the <c>engine-config</c> role (SPEC §5).</summary>
internal static class ConfigCommands
{
    private static readonly string[] Headers = ["KEY", "VERSION", "ARCH", "VALUE", "DEFAULT"];

    public static Command Create(CommandBuilder cli) =>
        cli.Group("config", "Engine configuration (the engine-config role): CPU limits and hot plug support per version and architecture.",
            Get(cli), Set(cli), Reset(cli));

    private static Option<string?> VersionOption(string description) => new("--version", "-v") { Description = description };

    private const string EveryVersion = "Compatibility version, e.g. 4.8; every version that has the key when omitted.";

    private static Option<string?> ArchOption() => new("--arch", "-a") { Description = "Architecture: x86_64, ppc64 or s390x." };

    private static Command Get(CommandBuilder cli)
    {
        var key = new Argument<string?>("KEY") { Description = "A key such as MaxNumOfVmCpus (all when omitted).", Arity = ArgumentArity.ZeroOrOne };
        var version = VersionOption("Compatibility version, e.g. 4.8 (all when omitted).");
        var arch = ArchOption();
        var command = cli.Command("get", "Show values in force.", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var entries = (await client.Config.ListAsync(inv.Parse.GetValue(key), ct))
                    .Where(e => inv.Get(version) is not { } v || e.Version == v)
                    .Where(e => inv.Get(arch) is not { } a || e.Architecture == a)
                    .ToList();
                if (entries.Count == 0 && inv.Parse.GetValue(key) is { } missing)
                {
                    throw new CliException($"No configuration value matches '{missing}'.", "See all keys with 'hotset config get'.");
                }

                inv.Printer.Table(Headers, entries.Select(Row), entries);
                return ExitCodes.Success;
            },
            "hotset config get MaxNumOfVmSockets --version 4.8", "hotset config get HotUnplugCpuSupported --arch s390x --output json");
        command.Add(key);
        command.Add(version);
        command.Add(arch);
        return command;
    }

    private static Command Set(CommandBuilder cli)
    {
        var key = new Argument<string>("KEY") { Description = "The key, e.g. MaxNumOfVmSockets." };
        var value = new Argument<string>("VALUE") { Description = "The new value (validated by the engine; in force at once)." };
        var version = VersionOption(EveryVersion);
        var arch = ArchOption();
        var command = cli.Command("set", "Set a value for a compatibility version (and architecture), or for every version.", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var entries = await ForEachVersionAsync(client, inv.Get(key), inv.Get(version), inv.Get(arch),
                    v => client.Config.SetAsync(inv.Get(key), v, inv.Get(value), inv.Get(arch), ct), ct);
                inv.Printer.Table(Headers, entries.Select(Row), entries);
                return ExitCodes.Success;
            },
            "hotset config set MaxNumOfVmSockets 32 --version 4.8", "hotset config set HotUnplugCpuSupported false --version 4.8 --arch x86_64",
            "hotset config set MaxNumOfVmSockets 32");
        command.Add(key);
        command.Add(value);
        command.Add(version);
        command.Add(arch);
        return command;
    }

    private static Command Reset(CommandBuilder cli)
    {
        var key = new Argument<string>("KEY") { Description = "The key to restore to its default." };
        var version = VersionOption(EveryVersion);
        var arch = ArchOption();
        var command = cli.Command("reset", "Restore a value's default, for one compatibility version or every version.", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var entries = await ForEachVersionAsync(client, inv.Get(key), inv.Get(version), inv.Get(arch),
                    v => client.Config.ResetAsync(inv.Get(key), v, inv.Get(arch), ct), ct);
                inv.Printer.Table(Headers, entries.Select(Row), entries);
                return ExitCodes.Success;
            },
            "hotset config reset MaxNumOfVmSockets --version 4.8", "hotset config reset MaxNumOfVmSockets");
        command.Add(key);
        command.Add(version);
        command.Add(arch);
        return command;
    }

    /// <summary>
    /// Runs <paramref name="change"/> for <paramref name="version"/>, or, when none is given, for every compatibility
    /// version the engine has <paramref name="key"/> for (as <c>engine-config</c> admins expect a limit to apply to
    /// all clusters). A refusal stops at once and names the versions already changed.
    /// </summary>
    private static async Task<IReadOnlyList<ConfigEntry>> ForEachVersionAsync(HotsetClient client, string key, string? version,
        string? arch, Func<string, Task<ConfigEntry>> change, CancellationToken ct)
    {
        var versions = version is not null
            ? [version]
            : (await client.Config.ListAsync(key, ct))
                .Where(e => e.Key == key && (arch is null || e.Architecture == arch))
                .Select(e => e.Version).Distinct().ToList();
        if (versions.Count == 0)
        {
            throw new CliException($"Refused: '{key}' is not a configuration key{(arch is null ? "" : $" for {arch}")}.",
                "Nothing changed. See all keys with 'hotset config get'.", ExitCodes.Refused);
        }

        var changed = new List<ConfigEntry>();
        foreach (var v in versions)
        {
            try
            {
                changed.Add(await change(v));
            }
            catch (HotsetApiException e) when (e.Status == System.Net.HttpStatusCode.BadRequest)
            {
                var done = changed.Count == 0 ? "Nothing changed." : $"Changed already: version {string.Join(", ", changed.Select(c => c.Version).Distinct())}.";
                throw new CliException($"Refused for version {v}: {CommandBuilder.Text(e)}", $"{done} See the keys and values with 'hotset config get'.",
                    ExitCodes.Refused);
            }
        }

        return changed;
    }

    private static IReadOnlyList<string?> Row(ConfigEntry e) => [e.Key, e.Version, e.Architecture ?? "-", e.Value, e.IsDefault ? "yes" : "no"];
}
