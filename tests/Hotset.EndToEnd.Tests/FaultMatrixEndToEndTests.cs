using System.Net;
using Hotset.Client;
using Hotset.Testing.Processes;

namespace Hotset.EndToEnd.Tests;

/// <summary>
/// The fault matrix with real processes: the agent, the engine and QEMU are killed with SIGKILL, a hook hangs, the
/// database refuses a write; each case ends with stored = hypervisor = guest, and the failure is told in events.
/// Each test starts its own product, since each breaks it.
/// </summary>
[Collection(FaultMatrixGroup.Name)]
public sealed class FaultMatrixEndToEndTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AgentKilledDuringPlug_PutAnswers2034_AfterTheAgentReturnsTheEngineReconcilesTo20035()
    {
        await using var product = await StartAsync(hookTimeout: TimeSpan.FromSeconds(60));
        var marker = Path.Combine(product.Root, "after-hook-running");
        // The vCPU is plugged by now; the agent dies before it can answer.
        product.AddHook("after_set_num_of_cpus", "50_hold", $"touch {marker}; sleep 20");
        var id = await BootAsync(product, "fm-agentkill");

        var put = PutSocketsAsync(product, id, 2);
        await UntilAsync(() => File.Exists(marker), "the after hook to run");
        product.KillAgent();
        var result = await put;

        Assert.Equal(HotSetOutcome.Failed, result.HotSet?.Result);
        Assert.Contains(await product.Api.EventsOfAsync(id), e => e.Code == 2034);
        Assert.Equal(1, (await product.Api.GetVmAsync(id)).Topology.Sockets);

        product.RemoveHooks();
        await product.StartAgentAsync();
        await AgreeAsync(product, id, 2);
        Assert.Contains(await product.Api.EventsOfAsync(id), e => e.Code == 20035);
    }

    [Fact]
    public async Task QemuKilled_VmDownWithAnErrorEventWithinAMonitoringCycle()
    {
        await using var product = await StartAsync(hookTimeout: TimeSpan.FromSeconds(20));
        var id = await BootAsync(product, "fm-qemukill");

        QemuProcesses.KillThoseUsing(product.Root);

        // Monitoring runs every 0.5 s here: a few cycles are allowed for the agent to see QEMU's exit.
        await product.Api.WaitForVmAsync(id, vm => vm.Status == "down", "down", TimeSpan.FromSeconds(10));
        var events = await product.Api.EventsOfAsync(id);
        Assert.True(events.Any(e => e.Severity == "error"), $"No error event for the VM: {string.Join(", ", events)}");
    }

    [Fact]
    public async Task BeforeHookHangs_TheHookTimeoutAnswersKillsTheHookAndReleasesTheVm()
    {
        await using var product = await StartAsync(hookTimeout: TimeSpan.FromSeconds(3));
        var pidFile = Path.Combine(product.Root, "hook.pid");
        product.AddHook("before_set_num_of_cpus", "50_hang", $"echo $$ > {pidFile}; exec sleep 600");
        var id = await BootAsync(product, "fm-hookhang");

        Assert.Equal(HotSetOutcome.Failed, (await PutSocketsAsync(product, id, 2)).HotSet?.Result);

        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await UntilAsync(() => !Directory.Exists($"/proc/{pid}"), "the hanging hook to be killed");
        product.RemoveHooks();
        Assert.Equal(HotSetOutcome.Applied, (await PutSocketsAsync(product, id, 2)).HotSet?.Result);

        await AgreeAsync(product, id, 2);
    }

    [Fact]
    public async Task EngineKilledRightAfterAHotSet_AfterRestartTheStateAndItsEventsAreThere()
    {
        await using var product = await StartAsync(hookTimeout: TimeSpan.FromSeconds(20));
        var id = await BootAsync(product, "fm-enginekill");

        Assert.Equal(HotSetOutcome.Applied, (await PutSocketsAsync(product, id, 2)).HotSet?.Result);

        product.KillEngine();
        await product.StartEngineAsync();

        await AgreeAsync(product, id, 2);
        var events = await product.Api.EventsOfAsync(id);
        Assert.Contains(events, e => e.Code == 2033);
        Assert.DoesNotContain(events, e => e.Code == 20035);
    }

    [Fact]
    public async Task DatabaseWriteFailsAfterTheHostChanged_Put500_ThenMonitoringStoresTheHostsCount()
    {
        await using var product = await StartAsync(hookTimeout: TimeSpan.FromSeconds(20), databaseTimeout: TimeSpan.FromSeconds(2));
        var locked = Path.Combine(product.Root, "database-locked");
        // After the plug, another process holds the database's write lock for longer than the engine waits for it.
        product.AddHook("after_set_num_of_cpus", "50_lock_database",
            $"(printf 'BEGIN EXCLUSIVE;\\n.shell touch {locked}\\n.shell sleep 6\\nCOMMIT;\\n' | sqlite3 {product.DatabasePath}) " +
            $">/dev/null 2>&1 </dev/null &\nwhile [ ! -e {locked} ]; do sleep 0.05; done");
        var id = await BootAsync(product, "fm-dblock");

        var failed = await Assert.ThrowsAsync<HotsetApiException>(() => PutSocketsAsync(product, id, 2));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);

        product.RemoveHooks();
        await AgreeAsync(product, id, 2);
        Assert.Contains(await product.Api.EventsOfAsync(id), e => e.Code == 20035);
    }

    private static async Task<ProductProcesses> StartAsync(TimeSpan hookTimeout, TimeSpan? databaseTimeout = null)
    {
        Prerequisites.Check();
        var product = new ProductProcesses(hookTimeout, databaseTimeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await product.StartAgentAsync();
            await product.StartEngineAsync();
            return product;
        }
        catch
        {
            await product.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> BootAsync(ProductProcesses product, string name)
    {
        var id = await product.Api.CreateVmAsync(name);
        await product.Api.StartAndWaitForGuestAsync(id, guestCpus: 1);
        return id;
    }

    private static Task<VmUpdateResult> PutSocketsAsync(ProductProcesses product, string id, int sockets) =>
        product.Api.SetTopologyAsync(id, sockets);

    /// <summary>Waits until stored sockets, QEMU's vCPUs and the guest's online CPUs all equal <paramref name="count"/>.</summary>
    private static Task<Vm> AgreeAsync(ProductProcesses product, string id, int count) =>
        product.Api.WaitUntilCountsAgreeAsync(id, count, Settle);

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 60 s for {what}.");
            }

            await Task.Delay(50);
        }
    }
}

/// <summary>The fault matrix runs alone: killing processes under the load of other end-to-end tests proves nothing more.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultMatrixGroup
{
    public const string Name = "fault-matrix";
}
