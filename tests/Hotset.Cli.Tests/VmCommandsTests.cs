using System.Diagnostics;
using System.Text.Json;

namespace Hotset.Cli.Tests;

/// <summary>Listing and showing through the CLI against the real product; errors; the built binary as a process.</summary>
[Collection(CliProductGroup.Name)]
public sealed class VmCommandsTests(CliProduct product)
{
    [Fact]
    public async Task VmList_Table_PlainColumnsWithBothVms()
    {
        var result = await product.RunAsync("vm", "list");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.ReplaceLineEndings("\n").Trim().Split('\n');
        Assert.Matches(@"^NAME\s+STATUS\s+TOPOLOGY\s+VCPUS\s+HYPERVISOR\s+GUEST\s+MEMORY\s+NEXT RUN\s+ID$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(CliProduct.GuestVmName + " ", StringComparison.Ordinal) && l.Contains(" up ", StringComparison.Ordinal)
            && l.Contains("128 MiB", StringComparison.Ordinal) && l.EndsWith(product.GuestVm.Id, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(CliProduct.SilentVmName + " ", StringComparison.Ordinal));
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VmList_Json_ArrayOfVms()
    {
        var result = await product.RunAsync("vm", "list", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        var vms = JsonDocument.Parse(result.Out).RootElement;
        var guest = vms.EnumerateArray().Single(v => v.GetProperty("name").GetString() == CliProduct.GuestVmName);
        Assert.Equal(("up", product.GuestVm.Id), (guest.GetProperty("status").GetString(), guest.GetProperty("id").GetString()));
        Assert.True(guest.GetProperty("topology").GetProperty("sockets").GetInt32() >= 1);
    }

    [Fact]
    public async Task VmShow_ByNameAndById_SameVm()
    {
        var byName = await product.RunAsync("vm", "show", CliProduct.GuestVmName, "-o", "json");
        var byId = await product.RunAsync("vm", "show", product.GuestVm.Id);

        Assert.Equal(0, byName.ExitCode);
        Assert.Equal(product.GuestVm.Id, JsonDocument.Parse(byName.Out).RootElement.GetProperty("id").GetString());
        Assert.Equal(0, byId.ExitCode);
        Assert.Contains($"Name:", byId.Out, StringComparison.Ordinal);
        Assert.Matches($@"Name:\s+{CliProduct.GuestVmName}", byId.Out);
        Assert.Matches(@"vCPUs:\s+configured \d+, hypervisor \d+, guest \d+", byId.Out);
    }

    [Fact]
    public async Task HostList_TableAndJson_LocalIsUp()
    {
        var table = await product.RunAsync("host", "list");
        var json = await product.RunAsync("host", "show", "local", "--output", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"(?m)^local\s+up\s+http://127\.0\.0\.1:\d+", table.Out);
        Assert.Equal(0, json.ExitCode);
        Assert.Equal("up", JsonDocument.Parse(json.Out).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task VmShow_Unknown_FaultSentenceAndHintNoStackTrace()
    {
        var result = await product.RunAsync("vm", "show", "no-such-vm");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Equal("Error: There is no VM named or with id 'no-such-vm'.\nHint: List the VMs with 'hotset vm list'.\n",
            result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task VmStart_AlreadyUp_EngineFaultTextAndHint()
    {
        var result = await product.RunAsync("vm", "start", CliProduct.GuestVmName);

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("Error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Hint: The entity is not in a state that allows this now", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Operation Failed", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltBinary_AsProcess_ListsVmsAndExitCodes()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "hotset.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in new[] { "vm", "list", "-o", "json" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOTSET_URL"] = product.Product.EngineUrl;
        start.Environment["HOTSET_PASSWORD"] = Hotset.EndToEnd.Tests.HotsetProduct.AdminPassword;
        start.Environment["HOTSET_CONFIG_DIR"] = product.ConfigDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Contains(JsonDocument.Parse(await stdout).RootElement.EnumerateArray(), v => v.GetProperty("name").GetString() == CliProduct.GuestVmName);
    }
}
