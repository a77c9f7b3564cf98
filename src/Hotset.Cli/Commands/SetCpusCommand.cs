using System.CommandLine;
using System.Net;
using Hotset.Client;

namespace Hotset.Cli.Commands;

/// <summary>
/// <c>hotset vm set-cpus VM --sockets N [--next-run] [--dry-run] [--wait [--timeout S]]</c>: sets the number of
/// sockets; on a running VM the engine hot plugs or unplugs. The exit code says what happened (see <see cref="ExitCodes"/>).
/// </summary>
internal static class SetCpusCommand
{
    public static Command Create(CommandBuilder cli)
    {
        var vm = VmCommands.VmArgument();
        var sockets = new Option<int>("--sockets", "-s") { Description = "The new number of sockets (vCPUs = sockets x cores x threads).", Required = true };
        var nextRun = new Option<bool>("--next-run") { Description = "Store the change for the VM's next start instead of applying it live." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say what the change would do now (the engine's preview); change nothing." };
        var wait = new Option<bool>("--wait") { Description = "After a live change, wait until the guest reports the new count." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds --wait waits in all (engine answer and guest).", DefaultValueFactory = _ => 60 };
        var command = cli.Command("set-cpus", "Set the number of CPU sockets; a running VM gets them live (hot plug/unplug).\n\n" + ExitCodes.HelpText,
            (inv, ct) => new SetCpus(inv, inv.Get(vm), inv.Get(sockets), inv.Get(nextRun), inv.Get(wait),
                TimeSpan.FromSeconds(Math.Max(0, inv.Get(timeout)))).RunAsync(inv.Get(dryRun), ct),
            "hotset vm set-cpus web1 --sockets 4", "hotset vm set-cpus web1 --sockets 4 --dry-run",
            "hotset vm set-cpus web1 --sockets 4 --wait --timeout 30", "hotset vm set-cpus web1 --sockets 8 --next-run");
        command.Add(vm);
        foreach (var option in new Option[] { sockets, nextRun, dryRun, wait, timeout })
        {
            command.Add(option);
        }

        return command;
    }

    private sealed class SetCpus(Invocation inv, string vmName, int sockets, bool nextRun, bool wait, TimeSpan timeout)
    {
        private readonly Output.Printer _out = inv.Printer;

        public async Task<int> RunAsync(bool dryRun, CancellationToken ct)
        {
            var client = await inv.ConnectAsync(ct);
            var vm = await Invocation.VmAsync(client, vmName, ct);
            return dryRun ? await DryRunAsync(client, vm, ct) : await ApplyAsync(client, vm, ct);
        }

        private async Task<int> DryRunAsync(HotsetClient client, Vm vm, CancellationToken ct)
        {
            var options = await client.Vms.GetCpuOptionsAsync(vm.Id, nextRun, ct);
            var option = options.For(sockets);
            var (code, text) = option is null
                ? (ExitCodes.Refused, $"refused: {sockets} sockets is beyond what VM {vm.Name} can have (at most {options.Options.Count}).")
                : Describe(vm, option);
            if (_out.IsJson)
            {
                _out.Json(new { vm = vm.Name, vm_id = vm.Id, sockets, dry_run = true, option, exit_code = code, message = text });
            }
            else
            {
                _out.Line($"Dry run: VM {vm.Name}, {vm.Topology.Sockets} -> {sockets} sockets: {text}");
            }

            return code;
        }

        private static (int Code, string Text) Describe(Vm vm, CpuOption option) => option.Outcome switch
        {
            CpuOutcome.Unchanged => (ExitCodes.Success, $"unchanged ({option.Vcpus} vCPUs)."),
            CpuOutcome.HotPlug => (ExitCodes.Success, $"hot plug to {option.Vcpus} vCPUs, applied live."),
            CpuOutcome.HotUnplug => (ExitCodes.Success, $"hot unplug to {option.Vcpus} vCPUs, applied live."),
            CpuOutcome.NextRun when vm.Status == "down" => (ExitCodes.Success, $"stored; the VM starts with {option.Vcpus} vCPUs. {option.Reason}".TrimEnd()),
            CpuOutcome.NextRun => (ExitCodes.NextRun, $"stored for the next run ({option.Vcpus} vCPUs): {option.Reason}"),
            CpuOutcome.NotApplied => (ExitCodes.HotSetFailed, $"the hot set would fail (event {option.EventCode}): {option.EventDescription}"),
            CpuOutcome.Refused => (ExitCodes.Refused, $"refused (HTTP {option.Status}): {Unbracket(option.FaultDetail)}"),
            _ => (ExitCodes.Error, $"unknown outcome '{option.Outcome}'."),
        };

        private async Task<int> ApplyAsync(HotsetClient client, Vm vm, CancellationToken ct)
        {
            using var deadline = wait ? new CancellationTokenSource(timeout) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            VmUpdateResult result;
            try
            {
                result = await client.Vms.UpdateAsync(vm.Id, new VmUpdate { Sockets = sockets }, nextRun, linked.Token);
            }
            catch (HotsetApiException e) when (e.Status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
            {
                return Report(vm, "refused", ExitCodes.Refused, $"Refused: {CommandBuilder.Text(e)}", null,
                    "Nothing changed. 'hotset vm set-cpus VM --sockets N --dry-run' shows which values work.");
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                return Report(vm, "timed_out", ExitCodes.TimedOut,
                    $"Timed out: the engine did not answer within {timeout.TotalSeconds:0.#} s.", null,
                    $"The hot set may still complete: see 'hotset vm cpus {vm.Name}' and 'hotset events --vm {vm.Name}'.");
            }

            var outcome = result.HotSet;
            var stored = result.Vm;
            if (outcome is null)
            {
                var what = vm.Status == "down" ? $"VM {vm.Name} is down; it will start with {stored.Topology.Vcpus} vCPUs."
                    : $"VM {vm.Name} already has {stored.Topology.Sockets} sockets ({stored.Topology.Vcpus} vCPUs); nothing to do.";
                return Report(stored, "updated", ExitCodes.Success, what, null, null);
            }

            switch (outcome.Result)
            {
                case HotSetOutcome.Failed:
                    return Report(stored, "failed", ExitCodes.HotSetFailed,
                        $"Hot set failed (event 2034): {outcome.Message}", outcome,
                        $"VM {vm.Name} keeps {outcome.Previous} vCPUs. See 'hotset events --vm {vm.Name}'.");
                case HotSetOutcome.NextRun:
                    var running = vm.Status != "down";
                    return Report(stored, "next_run", running ? ExitCodes.NextRun : ExitCodes.Success,
                        $"Stored for the next run: VM {vm.Name} gets {outcome.Requested} vCPUs when it next starts" +
                        (string.IsNullOrEmpty(outcome.Message) ? "." : $" ({outcome.Message})."), outcome,
                        running ? $"Apply it with 'hotset vm reboot {vm.Name}'." : null);
                default:
                    var verb = outcome.Requested >= outcome.Previous ? "Hot plugged" : "Hot unplugged";
                    var done = $"{verb} VM {vm.Name}: {outcome.Previous} -> {outcome.Requested} vCPUs (event 2033).";
                    return wait
                        ? await new GuestWait(inv, client, stored, outcome.Requested, done).RunAsync(deadline, ct)
                        : Report(stored, "applied", ExitCodes.Success, done, outcome, null);
            }
        }

        private int Report(Vm vm, string result, int code, string message, HotSetOutcome? outcome, string? hint)
        {
            if (_out.IsJson)
            {
                _out.Json(new { vm = vm.Name, vm_id = vm.Id, sockets, result, exit_code = code, message, hot_set = outcome });
            }
            else if (code is ExitCodes.Success or ExitCodes.NextRun)
            {
                _out.Line(message);
            }
            else
            {
                inv.Context.Error.WriteLine("Error: " + message);
            }

            if (hint is not null && !_out.IsJson)
            {
                (code == ExitCodes.Success || code == ExitCodes.NextRun ? inv.Context.Out : inv.Context.Error).WriteLine("Hint: " + hint);
            }

            return code;
        }

        private static string Unbracket(string? detail) =>
            detail is { Length: >= 2 } d && d[0] == '[' && d[^1] == ']' ? d[1..^1] : detail ?? "";
    }
}
