using System.CommandLine;
using Hotset.Client;

namespace Hotset.Cli.Commands;

/// <summary><c>hotset host list|show|add|remove</c>.</summary>
internal static class HostCommands
{
    private static readonly string[] Headers = ["NAME", "STATUS", "ADDRESS", "TOPOLOGY", "MAX VCPUS", "ID"];

    public static Command Create(CommandBuilder cli) =>
        cli.Group("host", "Hosts (hypervisors running the Hotset agent).", List(cli), Show(cli), Add(cli), Remove(cli));

    private static Argument<string> HostArgument() => new("HOST") { Description = "The host's name or id." };

    private static Command List(CommandBuilder cli) => cli.Command("list", "List hosts.", async (inv, ct) =>
        {
            var client = await inv.ConnectAsync(ct);
            var hosts = await client.Hosts.ListAsync(ct);
            inv.Printer.Table(Headers, hosts.Select(h => (IReadOnlyList<string?>)
                [h.Name, h.Status, h.Address, h.Topology?.ToString() ?? "-", Format.Count(h.MaxVcpus), h.Id]), hosts);
            return ExitCodes.Success;
        },
        "hotset host list", "hotset host list --output json");

    private static Command Show(CommandBuilder cli)
    {
        var host = HostArgument();
        var command = cli.Command("show", "Show one host.", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var found = await Invocation.HostAsync(client, inv.Get(host), ct);
                inv.Printer.Details(Fields(found), found);
                return ExitCodes.Success;
            },
            "hotset host show local");
        command.Add(host);
        return command;
    }

    private static Command Add(CommandBuilder cli)
    {
        var name = new Argument<string>("NAME") { Description = "The new host's name." };
        var address = new Argument<string>("ADDRESS") { Description = "The agent's URL (http://host:54321) or a host name." };
        var secret = new Option<string>("--secret") { Description = "The agent's secret (its agent.secret file).", Required = true };
        var cluster = new Option<string?>("--cluster") { Description = "Cluster name (default: Default)." };
        var port = new Option<int?>("--port") { Description = "Agent port when ADDRESS is a host name (default 54321)." };
        var command = cli.Command("add", "Register a host's agent; monitoring brings it up.", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var added = await client.Hosts.AddAsync(new HostCreate(inv.Get(name), inv.Get(address), inv.Get(secret)!)
                {
                    Cluster = inv.Get(cluster),
                    Port = inv.Get(port),
                }, ct);
                inv.Printer.Details(Fields(added), added);
                return ExitCodes.Success;
            },
            "hotset host add node2 http://node2:54321 --secret \"$(cat agent.secret)\"");
        command.Add(name);
        command.Add(address);
        command.Add(secret);
        command.Add(cluster);
        command.Add(port);
        return command;
    }

    private static Command Remove(CommandBuilder cli)
    {
        var host = HostArgument();
        var command = cli.Command("remove", "Remove a host that runs no VMs.", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var found = await Invocation.HostAsync(client, inv.Get(host), ct);
                await client.Hosts.RemoveAsync(found.Id, ct);
                if (inv.Printer.IsJson)
                {
                    inv.Printer.Json(new { removed = found.Id, name = found.Name });
                }

                inv.Printer.Line($"Removed host {found.Name} ({found.Id}).");
                return ExitCodes.Success;
            },
            "hotset host remove node2");
        command.Add(host);
        return command;
    }

    private static IEnumerable<(string, string?)> Fields(Host h) =>
    [
        ("Name", h.Name), ("Id", h.Id), ("Status", h.Status), ("Address", h.Address),
        ("Topology", h.Topology is { } t ? $"{t} (sockets x cores x threads)" : null), ("Max vCPUs", h.MaxVcpus is { } m ? Format.Count(m) : null),
        ("Agent", h.AgentVersion), ("Hypervisor", h.HypervisorVersion), ("Cluster", h.ClusterId),
    ];
}
