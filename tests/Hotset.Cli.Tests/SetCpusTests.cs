using System.Text.Json;
using Hotset.Client;

namespace Hotset.Cli.Tests;

/// <summary>
/// <c>hotset vm set-cpus</c> against the real product: every exit code produced for real on the two shared VMs. Each
/// test reads the VM's sockets first, so the order of the tests does not matter.
/// </summary>
[Collection(CliProductGroup.Name)]
public sealed class SetCpusTests(CliProduct product)
{
    private const string BeforeHook = "before_set_num_of_cpus";

    private async Task<int> SocketsAsync(string id) => (await product.Client.Vms.GetAsync(id)).Topology.Sockets;

    [Fact]
    public async Task Wait_RealPlugGuestConfirms_Exit0()
    {
        var vm = product.GuestVm;
        var sockets = await SocketsAsync(vm.Id) + 1;

        var result = await product.RunAsync("vm", "set-cpus", vm.Name, "--sockets", $"{sockets}", "--wait", "--timeout", "60");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains($"Hot plugged VM {vm.Name}: {sockets - 1} -> {sockets} vCPUs (event 2033).", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Confirmed: VM {vm.Name} runs with {sockets} vCPUs (hypervisor {sockets}, guest {sockets}).", result.Out, StringComparison.Ordinal);
        var after = await product.Client.Vms.GetAsync(vm.Id);
        Assert.Equal((sockets, sockets, sockets), (after.Topology.Sockets, after.VcpuCount, after.GuestCpuCount));
    }

    [Fact]
    public async Task AboveStartTimeMax_RefusedByValidation_Exit3AndNothingChanged()
    {
        var vm = product.GuestVm;
        var before = await SocketsAsync(vm.Id);

        var result = await product.RunAsync("vm", "set-cpus", vm.Name, "--sockets", "100");

        Assert.True(result.ExitCode == ExitCodes.Refused, result.ToString());
        Assert.StartsWith("Error: Refused: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Hint: Nothing changed.", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SocketsAsync(vm.Id));
    }

    [Fact]
    public async Task FailingBeforeHook_HotSetFailed2034_Exit4()
    {
        var vm = product.GuestVm;
        var before = await SocketsAsync(vm.Id);
        var lastEvent = await product.LastEventIdAsync();
        product.Product.AddHook(BeforeHook, "50_refuse", "echo 'maintenance window closed' >&2; exit 1");
        CliResult result;
        try
        {
            result = await product.RunAsync("vm", "set-cpus", vm.Name, "--sockets", $"{before + 1}", "--wait");
        }
        finally
        {
            File.Delete(Path.Combine(product.Product.HooksDirectory, BeforeHook, "50_refuse"));
        }

        Assert.True(result.ExitCode == ExitCodes.HotSetFailed, result.ToString());
        Assert.StartsWith("Error: Hot set failed (event 2034): ", result.Error, StringComparison.Ordinal);
        Assert.Contains("maintenance window closed", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SocketsAsync(vm.Id));
        var failed = await product.WaitForEventAsync(vm.Id, 2034, lastEvent, TimeSpan.FromSeconds(5));
        Assert.Equal("error", failed.Severity);
    }

    [Fact]
    public async Task NextRun_OnRunningVm_StoredExit5()
    {
        var vm = product.SilentVm;
        var sockets = await SocketsAsync(vm.Id) + 2;

        var result = await product.RunAsync("vm", "set-cpus", vm.Name, "--sockets", $"{sockets}", "--next-run", "-o", "json");

        Assert.True(result.ExitCode == ExitCodes.NextRun, result.ToString());
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(("next_run", 5), (json.GetProperty("result").GetString(), json.GetProperty("exit_code").GetInt32()));
        Assert.Equal(sockets, (await product.Client.Vms.GetAsync(vm.Id, nextRun: true)).Topology.Sockets);
        Assert.Equal(sockets - 2, await SocketsAsync(vm.Id));
    }

    [Fact]
    public async Task Wait_GuestWithoutAgent_AppliedNotConfirmed_Exit7()
    {
        var vm = product.SilentVm;
        var sockets = await SocketsAsync(vm.Id) + 1;

        var result = await product.RunAsync("vm", "set-cpus", vm.Name, "--sockets", $"{sockets}", "--wait", "--timeout", "3");

        Assert.True(result.ExitCode == ExitCodes.NotConfirmed, result.ToString());
        Assert.Contains($"Hot plugged VM {vm.Name}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Error: Applied but not confirmed by the guest within the timeout: hypervisor {sockets}, guest -, wanted {sockets}.",
            result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_EngineSlowerThanTimeout_TimedOutExit6()
    {
        var vm = product.GuestVm;
        var sockets = await SocketsAsync(vm.Id) + 1;
        var lastEvent = await product.LastEventIdAsync();
        product.Product.AddHook(BeforeHook, "50_slow", "sleep 4");
        CliResult result;
        try
        {
            result = await product.RunAsync("vm", "set-cpus", vm.Name, "--sockets", $"{sockets}", "--wait", "--timeout", "1");

            // The engine finishes the hot set after the CLI gave up: wait for it before the next test changes the VM.
            await product.WaitForEventAsync(vm.Id, 2033, lastEvent, TimeSpan.FromSeconds(30));
        }
        finally
        {
            File.Delete(Path.Combine(product.Product.HooksDirectory, BeforeHook, "50_slow"));
        }

        Assert.True(result.ExitCode == ExitCodes.TimedOut, result.ToString());
        Assert.Contains("Timed out: the engine did not answer within 1 s.", result.Error, StringComparison.Ordinal);
        Assert.Equal(sockets, await SocketsAsync(vm.Id));
    }

    [Fact]
    public async Task DryRun_EqualsWhatSetCpusThenDoes()
    {
        var guest = product.GuestVm;
        var plug = await SocketsAsync(guest.Id) + 1;
        foreach (var (vm, args) in new[]
        {
            (guest, new[] { "--sockets", $"{plug}" }),
            (guest, ["--sockets", "100"]),
            (product.SilentVm, ["--sockets", $"{await SocketsAsync(product.SilentVm.Id) + 1}", "--next-run"]),
        })
        {
            var dry = await product.RunAsync(["vm", "set-cpus", vm.Name, .. args, "--dry-run", "-o", "json"]);
            var before = await product.Client.Vms.GetAsync(vm.Id);
            var real = await product.RunAsync(["vm", "set-cpus", vm.Name, .. args, "-o", "json"]);

            Assert.True(dry.ExitCode == real.ExitCode, $"dry run: {dry}\nreal: {real}");
            var outcome = JsonDocument.Parse(dry.Out).RootElement.GetProperty("option").GetProperty("outcome").GetString();
            var result = JsonDocument.Parse(real.Out).RootElement.GetProperty("result").GetString();
            Assert.Equal(outcome switch
            {
                CpuOutcome.HotPlug or CpuOutcome.HotUnplug => "applied",
                CpuOutcome.NotApplied => "failed",
                _ => outcome,
            }, result);
            var after = await product.Client.Vms.GetAsync(vm.Id);
            Assert.Equal(result == "applied", before.Topology.Sockets != after.Topology.Sockets);
        }
    }

    [Fact]
    public async Task VmCpus_TableAndJson_CountsMatchTheVm()
    {
        var vm = await product.Client.Vms.GetAsync(product.GuestVm.Id);

        var table = await product.RunAsync("vm", "cpus", vm.Name);
        var json = await product.RunAsync("vm", "cpus", vm.Name, "-o", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"configured {vm.Topology.Vcpus}, hypervisor {vm.VcpuCount}, guest {vm.GuestCpuCount}", table.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^VCPU\s+SOCKET\s+CORE\s+THREAD\s+PLUGGED\s+ONLINE\s+HOST THREAD\s+PINNING$", table.Out);
        Assert.Matches(@"(?m)^0\s+0\s+0\s+0\s+yes\s+yes\s+\d+\s+-$", table.Out);
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(vm.Topology.Vcpus, root.GetProperty("vcpus").EnumerateArray().Count(v => v.GetProperty("plugged").GetBoolean()));
        Assert.Equal(vm.GuestCpuCount, root.GetProperty("counts").GetProperty("guest").GetInt32());
    }
}
