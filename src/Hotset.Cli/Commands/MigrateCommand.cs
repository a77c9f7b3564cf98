using System.CommandLine;
using Hotset.Client;

namespace Hotset.Cli.Commands;

/// <summary>
/// <c>hotset vm migrate VM [--host NAME] [--wait [--timeout S]]</c>: live-migrates a running VM (oVirt's migrate
/// action). Without <c>--host</c> the engine chooses. <c>--wait</c> follows it to its end: exit 0 when the VM runs on
/// another host, 1 with the engine's reason (event 65) when it stayed, 6 when the timeout passed first.
/// </summary>
internal static class MigrateCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static Command Create(CommandBuilder cli)
    {
        var vm = VmCommands.VmArgument();
        var host = new Option<string?>("--host") { Description = "Destination host name (default: the Up host of the VM's cluster with the most free vCPUs)." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the migration has ended and say how." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds --wait waits.", DefaultValueFactory = _ => 120 };
        var command = cli.Command("migrate", "Live-migrate a running VM to another host; it keeps its CPUs (hot-plugged ones too).\n\n" + ExitCodes.HelpText,
            (inv, ct) => RunAsync(inv, inv.Get(vm), inv.Get(host), inv.Get(wait), TimeSpan.FromSeconds(Math.Max(0, inv.Get(timeout))), ct),
            "hotset vm migrate web1 --host local2", "hotset vm migrate web1 --wait", "hotset vm migrate web1 --host local2 --wait --timeout 60");
        command.Add(vm);
        foreach (var option in new Option[] { host, wait, timeout })
        {
            command.Add(option);
        }

        return command;
    }

    private static async Task<int> RunAsync(Invocation inv, string vmName, string? hostName, bool wait, TimeSpan timeout,
        CancellationToken ct)
    {
        var client = await inv.ConnectAsync(ct);
        var vm = await Invocation.VmAsync(client, vmName, ct);
        var hosts = (await client.Hosts.ListAsync(ct)).ToDictionary(h => h.Id, h => h.Name);
        var source = vm.HostId is { } id ? hosts.GetValueOrDefault(id, id) : "(none)";
        var lastEvent = await client.Events.ListAsync(new EventQuery(Max: 1), ct) is [var newest, ..] ? newest.Id : 0;
        await client.Vms.MigrateAsync(vm.Id, hostName, ct);
        var started = $"Migration of VM {vm.Name} from host {source} to {(hostName is null ? "the host the engine chose" : "host " + hostName)} started.";
        if (!wait)
        {
            Report(inv, vm.Name, "started", ExitCodes.Success, started, null);
            return ExitCodes.Success;
        }

        if (!inv.Printer.IsJson)
        {
            inv.Printer.Line(started);
        }

        using var deadline = new CancellationTokenSource(timeout);
        var after = vm;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            do
            {
                await Task.Delay(PollInterval, linked.Token);
                after = await client.Vms.GetAsync(vm.Id, ct: linked.Token);
            }
            while (after.Status == "migrating");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            var message = $"Timed out: VM {vm.Name} was still migrating after {timeout.TotalSeconds:0.#} s; see 'hotset events --vm {vm.Name}'.";
            Report(inv, vm.Name, "timed_out", ExitCodes.TimedOut, message, null);
            return ExitCodes.TimedOut;
        }

        var end = (await client.Events.ListAsync(new EventQuery(From: lastEvent, Search: "vm.id=" + vm.Id), ct))
            .FirstOrDefault(e => e.Code is 63 or 65);
        var moved = after.HostId is not null && after.HostId != vm.HostId;
        var host = after.HostId is { } now ? hosts.GetValueOrDefault(now, now) : "(none)";
        var text = moved
            ? $"Migrated: VM {vm.Name} runs on host {host} now, {after.Topology.Vcpus} vCPUs (hypervisor {Format.Count(after.VcpuCount)}, guest {Format.Count(after.GuestCpuCount)})."
            : $"The migration of VM {vm.Name} failed; it is {after.Status} on host {host}. {end?.Description}".TrimEnd();
        Report(inv, vm.Name, moved ? "migrated" : "failed", moved ? ExitCodes.Success : ExitCodes.Error, text, host);
        return moved ? ExitCodes.Success : ExitCodes.Error;
    }

    private static void Report(Invocation inv, string vm, string result, int code, string message, string? host)
    {
        if (inv.Printer.IsJson)
        {
            inv.Printer.Json(new { vm, result, host, exit_code = code, message });
        }
        else if (code == ExitCodes.Success)
        {
            inv.Printer.Line(message);
        }
        else
        {
            inv.Context.Error.WriteLine("Error: " + message);
        }
    }
}
