using System.CommandLine;
using System.Globalization;

namespace Hotset.Cli.Commands;

/// <summary><c>hotset vm cpus VM</c>: the vCPU table (plugged, online in the guest, pinning) and the three counts.</summary>
internal static class VmCpusCommand
{
    private static readonly string[] Headers = ["VCPU", "SOCKET", "CORE", "THREAD", "PLUGGED", "ONLINE", "HOST THREAD", "PINNING"];

    public static Command Create(CommandBuilder cli)
    {
        var vm = VmCommands.VmArgument();
        var command = cli.Command("cpus", "Show the VM's vCPUs (plugged, online in the guest, pinning) and its counts: " +
            "configured, hypervisor and guest.", async (inv, ct) =>
            {
                var client = await inv.ConnectAsync(ct);
                var found = await Invocation.VmAsync(client, inv.Get(vm), ct);
                var vcpus = await client.Vms.GetVcpusAsync(found.Id, ct);
                var counts = new
                {
                    configured = found.Topology.Vcpus,
                    hypervisor = found.VcpuCount is >= 0 ? found.VcpuCount : null,
                    guest = found.GuestCpuCount is >= 0 ? found.GuestCpuCount : null,
                    max = found.MaxVcpus,
                };
                if (inv.Printer.IsJson)
                {
                    inv.Printer.Json(new { vm = found.Name, vm_id = found.Id, topology = found.Topology, counts, vcpus });
                    return ExitCodes.Success;
                }

                inv.Printer.Line($"VM {found.Name} ({found.Status}, {found.Topology} sockets x cores x threads): configured " +
                    $"{counts.configured}, hypervisor {Format.Count(counts.hypervisor)}, guest {Format.Count(counts.guest)}, " +
                    $"max {Format.Count(counts.max)}");
                inv.Printer.Table(Headers, vcpus.Select(v => (IReadOnlyList<string?>)
                [
                    Num(v.Index), Num(v.Socket), Num(v.Core), Num(v.Thread), Format.YesNo(v.Plugged), Format.YesNo(v.Online),
                    v.HostThreadId?.ToString(CultureInfo.InvariantCulture) ?? "-", v.Pinning ?? "-",
                ]), vcpus);
                return ExitCodes.Success;
            },
            "hotset vm cpus web1", "hotset vm cpus web1 --output json");
        command.Add(vm);
        return command;
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
