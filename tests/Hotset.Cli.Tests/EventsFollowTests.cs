using System.Text.Json;
using Hotset.Client;

namespace Hotset.Cli.Tests;

[Collection(CliProductGroup.Name)]
public sealed class EventsFollowTests(CliProduct product)
{
    [Fact]
    public async Task Follow_HotPlugMadeMeanwhile_PrintsEvent2033()
    {
        var vm = await product.Client.Vms.GetAsync(product.GuestVm.Id);
        using var output = new StringWriter();
        using var synced = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var follow = CliRun.RunAsync(product.Environment, product.ConfigDirectory,
            ["events", "--follow", "--vm", vm.Name, "-n", "1", "-o", "json"], ct: stop.Token, output: synced);
        await Task.Delay(1000);

        var update = await product.Client.Vms.UpdateAsync(vm.Id, new VmUpdate { Sockets = vm.Topology.Sockets + 1 });
        Assert.Equal(HotSetOutcome.Applied, update.HotSet?.Result);
        JsonElement? seen = null;
        while (seen is null && !stop.IsCancellationRequested)
        {
            await Task.Delay(200);
            seen = Lines(synced, output).Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("code").GetInt32() == 2033
                && e.Value.GetProperty("description").GetString()!.Contains($"from {vm.Topology.Vcpus} to {vm.Topology.Vcpus + 1}", StringComparison.Ordinal));
        }

        await stop.CancelAsync();
        var result = await follow;

        Assert.True(seen is not null, result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(vm.Id, seen.Value.GetProperty("vm_id").GetString());
    }

    [Fact]
    public async Task List_VmAndSeverity_TableOfMatchingEvents()
    {
        var result = await product.RunAsync("events", "--vm", CliProduct.GuestVmName, "--severity", "normal");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.ReplaceLineEndings("\n").Trim().Split('\n');
        Assert.Matches(@"^ID\s+TIME\s+SEVERITY\s+CODE\s+DESCRIPTION$", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^\d+\s+\S+ \S+\s+normal\s+\d+\s+", l));
        Assert.Contains(lines, l => l.Contains($"VM {CliProduct.GuestVmName} was created by admin@internal.", StringComparison.Ordinal));
    }

    // The synchronized writer locks itself while writing; the text is in the StringWriter behind it.
    private static List<JsonElement> Lines(TextWriter synced, StringWriter output)
    {
        string text;
        lock (synced)
        {
            text = output.ToString();
        }

        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
    }
}
