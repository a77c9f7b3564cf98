using System.CommandLine;
using System.Globalization;
using Hotset.Client;

namespace Hotset.Cli.Commands;

/// <summary>
/// <c>hotset events [--vm VM] [--severity S] [--max N] [--follow]</c>: the audit log. Listed newest first; with
/// <c>--follow</c> the latest ones oldest first, then each new event as it arrives, until interrupted.
/// </summary>
internal static class EventsCommand
{
    private static readonly string[] Headers = ["ID", "TIME", "SEVERITY", "CODE", "DESCRIPTION"];

    public static Command Create(CommandBuilder cli)
    {
        var vm = new Option<string?>("--vm") { Description = "Only events of this VM (name or id)." };
        var severity = new Option<string?>("--severity") { Description = "Only this severity: normal, warning, error or alert." };
        severity.AcceptOnlyFromAmong("normal", "warning", "error", "alert");
        var max = new Option<int>("--max", "-n") { Description = "How many recent events to show.", DefaultValueFactory = _ => 20 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events as they arrive (Ctrl+C stops)." };
        var command = cli.Command("events", "Show the audit log (event 2033 = CPUs hot set, 2034 = hot set failed).", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var search = new List<string>();
                if (inv.Get(vm) is { } name)
                {
                    search.Add("vm.id=" + (await Invocation.VmAsync(client, name, ct)).Id);
                }

                if (inv.Get(severity) is { } level)
                {
                    search.Add("severity=" + level);
                }

                var query = new EventQuery(Max: inv.Get(max), Search: search.Count > 0 ? string.Join(" and ", search) : null);
                var recent = await client.Events.ListAsync(query, ct);
                if (!inv.Get(follow))
                {
                    inv.Printer.Table(Headers, recent.Select(Row), recent);
                    return ExitCodes.Success;
                }

                return await FollowAsync(inv, client, query, recent, ct);
            },
            "hotset events", "hotset events --vm web1 --severity error", "hotset events --follow", "hotset events --vm web1 -n 5 --output json");
        command.Add(vm);
        command.Add(severity);
        command.Add(max);
        command.Add(follow);
        return command;
    }

    private static async Task<int> FollowAsync(Invocation inv, HotsetClient client, EventQuery query, IReadOnlyList<Event> recent,
        CancellationToken ct)
    {
        var last = recent.Count > 0 ? recent.Max(e => e.Id) : 0;
        if (last == 0)
        {
            // Nothing matched yet: start after the newest event of the whole log.
            last = (await client.Events.ListAsync(new EventQuery(Max: 1), ct)) is [var newest, ..] ? newest.Id : 0;
        }

        Print(inv, recent.Reverse());
        try
        {
            while (true)
            {
                await Task.Delay(inv.Context.PollInterval, ct);
                var fresh = await client.Events.ListAsync(query with { From = last, Max = null }, ct);
                if (fresh.Count > 0)
                {
                    last = fresh.Max(e => e.Id);
                    Print(inv, fresh.Reverse());
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
    }

    private static void Print(Invocation inv, IEnumerable<Event> events)
    {
        foreach (var e in events)
        {
            if (inv.Printer.IsJson)
            {
                // One JSON object per line, so a reader can act on each as it arrives.
                inv.Context.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
                {
                    id = e.Id,
                    code = e.Code,
                    severity = e.Severity,
                    time = e.Time,
                    description = e.Description,
                    vm_id = e.VmId,
                }));
            }
            else
            {
                inv.Context.Out.WriteLine(string.Join("  ", Row(e)));
            }

            inv.Context.Out.Flush();
        }
    }

    private static IReadOnlyList<string?> Row(Event e) =>
    [
        e.Id.ToString(CultureInfo.InvariantCulture), e.Time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
        e.Severity, e.Code.ToString(CultureInfo.InvariantCulture), e.Description,
    ];
}
