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

    private static Option<string?> VersionOption(bool required) =>
        new("--version", "-v") { Description = "Compatibility version, e.g. 4.8.", Required = required };

    private static Option<string?> ArchOption() => new("--arch", "-a") { Description = "Architecture: x86_64, ppc64 or s390x." };

    private static Command Get(CommandBuilder cli)
    {
        var key = new Argument<string?>("KEY") { Description = "A key such as MaxNumOfVmCpus (all when omitted).", Arity = ArgumentArity.ZeroOrOne };
        var version = VersionOption(required: false);
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
        var version = VersionOption(required: true);
        var arch = ArchOption();
        var command = cli.Command("set", "Set a value for a compatibility version (and architecture).", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var entry = await Refusable(() => client.Config.SetAsync(inv.Get(key), inv.Get(version)!, inv.Get(value), inv.Get(arch), ct));
                inv.Printer.Table(Headers, [Row(entry)], entry);
                return ExitCodes.Success;
            },
            "hotset config set MaxNumOfVmSockets 32 --version 4.8", "hotset config set HotUnplugCpuSupported false --version 4.8 --arch x86_64");
        command.Add(key);
        command.Add(value);
        command.Add(version);
        command.Add(arch);
        return command;
    }

    private static Command Reset(CommandBuilder cli)
    {
        var key = new Argument<string>("KEY") { Description = "The key to restore to its default." };
        var version = VersionOption(required: true);
        var arch = ArchOption();
        var command = cli.Command("reset", "Restore a value's default.", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var entry = await Refusable(() => client.Config.ResetAsync(inv.Get(key), inv.Get(version)!, inv.Get(arch), ct));
                inv.Printer.Table(Headers, [Row(entry)], entry);
                return ExitCodes.Success;
            },
            "hotset config reset MaxNumOfVmSockets --version 4.8");
        command.Add(key);
        command.Add(version);
        command.Add(arch);
        return command;
    }

    private static async Task<ConfigEntry> Refusable(Func<Task<ConfigEntry>> call)
    {
        try
        {
            return await call();
        }
        catch (HotsetApiException e) when (e.Status == System.Net.HttpStatusCode.BadRequest)
        {
            throw new CliException($"Refused: {CommandBuilder.Text(e)}", "Nothing changed. See the keys and values with 'hotset config get'.",
                ExitCodes.Refused);
        }
    }

    private static IReadOnlyList<string?> Row(ConfigEntry e) => [e.Key, e.Version, e.Architecture ?? "-", e.Value, e.IsDefault ? "yes" : "no"];
}
