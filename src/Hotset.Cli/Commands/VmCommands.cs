using System.CommandLine;
using Hotset.Client;

namespace Hotset.Cli.Commands;

/// <summary><c>hotset vm list|show|create|start|stop|shutdown|reboot|remove</c>; cpus, set-cpus and migrate have their own files.</summary>
internal static class VmCommands
{
    private static readonly string[] Headers = ["NAME", "STATUS", "TOPOLOGY", "VCPUS", "HYPERVISOR", "GUEST", "MEMORY", "NEXT RUN", "ID"];

    public static Command Create(CommandBuilder cli) => cli.Group("vm", "Virtual machines: list, inspect, create, run, and change their CPUs.",
        List(cli), Show(cli), CreateVm(cli),
        Action(cli, "start", "Start the VM (a pending next-run configuration applies).", (c, id, r, ct) => c.Vms.StartAsync(id, r, ct)),
        Action(cli, "stop", "Power the VM off now.", (c, id, r, ct) => c.Vms.StopAsync(id, r, ct)),
        Action(cli, "shutdown", "Ask the guest to shut down.", (c, id, r, ct) => c.Vms.ShutdownAsync(id, r, ct)),
        Action(cli, "reboot", "Reboot the VM (cold, applying a pending next-run configuration).", (c, id, r, ct) => c.Vms.RebootAsync(id, r, ct)),
        Remove(cli), VmCpusCommand.Create(cli), SetCpusCommand.Create(cli), MigrateCommand.Create(cli));

    public static Argument<string> VmArgument() => new("VM") { Description = "The VM's name or id." };

    private static Command List(CommandBuilder cli)
    {
        var search = new Option<string?>("--search") { Description = "oVirt name search, e.g. name=web*." };
        var command = cli.Command("list", "List VMs with status, topology and the three CPU counts (configured, hypervisor, guest).",
            async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var vms = await client.Vms.ListAsync(inv.Get(search), ct: ct);
                inv.Printer.Table(Headers, vms.Select(Row), vms);
                return ExitCodes.Success;
            },
            "hotset vm list", "hotset vm list --search 'name=web*' --output json");
        command.Add(search);
        return command;
    }

    private static Command Show(CommandBuilder cli)
    {
        var vm = VmArgument();
        var nextRun = new Option<bool>("--next-run") { Description = "Show the pending next-run configuration." };
        var command = cli.Command("show", "Show one VM.", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var found = await Invocation.VmAsync(client, inv.Get(vm), ct);
                var shown = inv.Get(nextRun) ? await client.Vms.GetAsync(found.Id, nextRun: true, ct) : found;
                inv.Printer.Details(Fields(shown), shown);
                return ExitCodes.Success;
            },
            "hotset vm show web1", "hotset vm show web1 --next-run --output json");
        command.Add(vm);
        command.Add(nextRun);
        return command;
    }

    private static Command CreateVm(CommandBuilder cli)
    {
        var name = new Argument<string>("NAME") { Description = "The new VM's name." };
        var sockets = new Option<int?>("--sockets") { Description = "CPU sockets (default: the template's)." };
        var cores = new Option<int?>("--cores") { Description = "Cores per socket." };
        var threads = new Option<int?>("--threads") { Description = "Threads per core." };
        var memory = new Option<int?>("--memory") { Description = "Memory in MiB." };
        var cluster = new Option<string?>("--cluster") { Description = "Cluster name (default: Default)." };
        var template = new Option<string?>("--template") { Description = "Template name (default: Blank)." };
        var os = new Option<string?>("--os") { Description = "OS type, e.g. rhel_9x64 (see GET /operatingsystems)." };
        var description = new Option<string?>("--description") { Description = "A description." };
        var command = cli.Command("create", "Create a VM (down) from a template.", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var created = await client.Vms.AddAsync(new VmCreate(inv.Get(name))
                {
                    Sockets = inv.Get(sockets),
                    Cores = inv.Get(cores),
                    Threads = inv.Get(threads),
                    Memory = inv.Get(memory) is { } mib ? mib * 1024L * 1024L : null,
                    Cluster = inv.Get(cluster),
                    Template = inv.Get(template),
                    OsType = inv.Get(os),
                    Description = inv.Get(description),
                }, ct);
                inv.Printer.Details(Fields(created), created);
                return ExitCodes.Success;
            },
            "hotset vm create web1 --sockets 2 --memory 128", "hotset vm create db1 --cluster Default --template Blank --os rhel_9x64");
        foreach (var option in new Option[] { sockets, cores, threads, memory, cluster, template, os, description })
        {
            command.Add(option);
        }

        command.Add(name);
        return command;
    }

    private static Command Action(CommandBuilder cli, string action, string description,
        Func<HotsetClient, string, string?, CancellationToken, Task> run)
    {
        var vm = VmArgument();
        var reason = new Option<string?>("--reason") { Description = "A reason recorded in the event." };
        var command = cli.Command(action, description, async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var found = await Invocation.VmAsync(client, inv.Get(vm), ct);
                await run(client, found.Id, inv.Get(reason), ct);
                var after = await client.Vms.GetAsync(found.Id, ct: ct);
                if (inv.Printer.IsJson)
                {
                    inv.Printer.Json(new { action, vm = after });
                }
                else
                {
                    inv.Printer.Line($"{action}: VM {after.Name} is {after.Status}.");
                }

                return ExitCodes.Success;
            },
            $"hotset vm {action} web1", $"hotset vm {action} web1 --reason maintenance");
        command.Add(vm);
        command.Add(reason);
        return command;
    }

    private static Command Remove(CommandBuilder cli)
    {
        var vm = VmArgument();
        var command = cli.Command("remove", "Remove a VM that is down.", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var found = await Invocation.VmAsync(client, inv.Get(vm), ct);
                await client.Vms.RemoveAsync(found.Id, ct);
                if (inv.Printer.IsJson)
                {
                    inv.Printer.Json(new { removed = found.Id, name = found.Name });
                }

                inv.Printer.Line($"Removed VM {found.Name} ({found.Id}).");
                return ExitCodes.Success;
            },
            "hotset vm remove web1");
        command.Add(vm);
        return command;
    }

    internal static IReadOnlyList<string?> Row(Vm vm) =>
    [
        vm.Name, vm.Status, vm.Topology.ToString(), Format.Count(vm.Topology.Vcpus), Format.Count(vm.VcpuCount),
        Format.Count(vm.GuestCpuCount), Format.MiB(vm.Memory), vm.NextRunConfigurationExists ? "pending" : "", vm.Id,
    ];

    internal static IEnumerable<(string, string?)> Fields(Vm vm) =>
    [
        ("Name", vm.Name), ("Id", vm.Id), ("Status", vm.Status), ("Description", vm.Description),
        ("Topology", $"{vm.Topology} (sockets x cores x threads)"),
        ("vCPUs", $"configured {vm.Topology.Vcpus}, hypervisor {Format.Count(vm.VcpuCount)}, guest {Format.Count(vm.GuestCpuCount)}"),
        ("Max vCPUs", vm.MaxVcpus is { } max ? Format.Count(max) : null),
        ("Memory", Format.MiB(vm.Memory)), ("OS", vm.OsType), ("Pinning policy", vm.CpuPinningPolicy),
        ("Pins", vm.VcpuPins.Count > 0 ? string.Join(", ", vm.VcpuPins.Select(p => $"{p.Vcpu}:{p.CpuSet}")) : null),
        ("Host", vm.HostId), ("Cluster", vm.ClusterId),
        ("Next run", vm.NextRunConfigurationExists ? "a configuration is pending" : "none"),
    ];
}
