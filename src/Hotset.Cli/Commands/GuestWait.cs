using Hotset.Client;
using Spectre.Console;

namespace Hotset.Cli.Commands;

/// <summary>
/// <c>set-cpus --wait</c> after a live change: polls the VM until the hypervisor and the guest both report
/// <paramref name="target"/> vCPUs (exit 0) or the deadline passes (exit 7, applied but not confirmed by the guest).
/// Shows a spinner on a terminal, a line per change of the counts otherwise.
/// </summary>
internal sealed class GuestWait(Invocation inv, HotsetClient client, Vm vm, int target, string done)
{
    private string _last = "";

    public async Task<int> RunAsync(CancellationTokenSource deadline, CancellationToken ct)
    {
        var printer = inv.Printer;
        Vm? seen = null;
        if (printer.Console is { } console && !printer.IsJson)
        {
            await console.Status().StartAsync(done + " Waiting for the guest…", async status =>
                seen = await PollAsync(deadline, s => status.Status(done + " " + s), ct));
        }
        else
        {
            printer.Line(done);
            seen = await PollAsync(deadline, printer.Line, ct);
        }

        var confirmed = seen is not null && Confirmed(seen);
        var code = confirmed ? ExitCodes.Success : ExitCodes.NotConfirmed;
        var message = confirmed
            ? $"Confirmed: VM {vm.Name} runs with {target} vCPUs (hypervisor {target}, guest {target})."
            : $"Applied but not confirmed by the guest within the timeout: hypervisor {Format.Count(seen?.VcpuCount)}, guest {Format.Count(seen?.GuestCpuCount)}, wanted {target}.";
        if (printer.IsJson)
        {
            printer.Json(new
            {
                vm = vm.Name,
                vm_id = vm.Id,
                result = confirmed ? "confirmed" : "not_confirmed",
                exit_code = code,
                message,
                vcpu_count = seen?.VcpuCount,
                guest_cpu_count = seen?.GuestCpuCount,
                requested_vcpus = target,
            });
        }
        else if (confirmed)
        {
            printer.Line(message);
        }
        else
        {
            inv.Context.Error.WriteLine("Error: " + message);
            inv.Context.Error.WriteLine($"Hint: the guest may still bring the CPUs online; see 'hotset vm cpus {vm.Name}'.");
        }

        return code;
    }

    private async Task<Vm?> PollAsync(CancellationTokenSource deadline, Action<string> progress, CancellationToken ct)
    {
        Vm? current = null;
        while (true)
        {
            try
            {
                current = await client.Vms.GetAsync(vm.Id, ct: ct);
            }
            catch (HttpRequestException) when (!deadline.IsCancellationRequested)
            {
                // A transient failure while waiting: poll again.
            }

            if (current is not null)
            {
                var line = $"Waiting: hypervisor {Format.Count(current.VcpuCount)}/{target}, guest {Format.Count(current.GuestCpuCount)}/{target}";
                if (line != _last)
                {
                    _last = line;
                    progress(line);
                }

                if (Confirmed(current))
                {
                    return current;
                }
            }

            if (deadline.IsCancellationRequested)
            {
                return current;
            }

            try
            {
                await Task.Delay(inv.Context.PollInterval, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The deadline passed: one last look above, then give up.
            }

            ct.ThrowIfCancellationRequested();
        }
    }

    private bool Confirmed(Vm current) => current.VcpuCount == target && current.GuestCpuCount == target;
}
