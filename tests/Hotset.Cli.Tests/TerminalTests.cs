using System.Diagnostics;

namespace Hotset.Cli.Tests;

/// <summary>
/// The built <c>hotset</c> as a separate process, once on a real pseudo-terminal (util-linux <c>script</c>) and once
/// piped: the terminal gets Spectre's spinner and escape sequences, the pipe plain lines.
/// </summary>
[Collection(CliProductGroup.Name)]
public sealed class TerminalTests(CliProduct product)
{
    private const string Escape = "\u001b[";

    [Fact]
    public async Task SetCpusWait_OnATerminal_ShowsTheSpinnerThenTheConfirmation()
    {
        var vm = product.GuestVm;
        var sockets = (await product.Client.Vms.GetAsync(vm.Id)).Topology.Sockets + 1;

        var (code, output) = await RunAsync(terminal: true, "vm", "set-cpus", vm.Name, "--sockets", $"{sockets}", "--wait", "--timeout", "60");

        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains(Escape, output, StringComparison.Ordinal);
        Assert.Contains("Waiting", output, StringComparison.Ordinal);
        Assert.Contains($"Confirmed: VM {vm.Name} runs with {sockets} vCPUs", output, StringComparison.Ordinal);
        var after = await product.Client.Vms.GetAsync(vm.Id);
        Assert.Equal((sockets, sockets), (after.VcpuCount, after.GuestCpuCount));
    }

    [Fact]
    public async Task VmList_TerminalGetsADrawnTable_PipeGetsPlainColumns()
    {
        var (ttyCode, tty) = await RunAsync(terminal: true, "vm", "list");
        var (pipeCode, pipe) = await RunAsync(terminal: false, "vm", "list");

        Assert.True(ttyCode == 0, tty);
        Assert.True(pipeCode == 0, pipe);
        Assert.Contains(product.GuestVm.Name, tty, StringComparison.Ordinal);
        Assert.Contains(product.GuestVm.Name, pipe, StringComparison.Ordinal);
        Assert.Contains("─", tty, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, pipe, StringComparison.Ordinal);
        Assert.DoesNotContain("─", pipe, StringComparison.Ordinal);
    }

    /// <summary>Runs the built CLI; on a terminal through <c>script</c>, whose exit code is the CLI's.</summary>
    private async Task<(int Code, string Output)> RunAsync(bool terminal, params string[] args)
    {
        var cli = CliDll();
        var info = terminal ? new ProcessStartInfo("script") : new ProcessStartInfo("dotnet");
        if (terminal)
        {
            // A fresh pseudo-terminal has no size: give it a wide one, as an admin's terminal has.
            var command = "stty cols 200 rows 50; " + string.Join(' ', new[] { "dotnet", cli }.Concat(args).Select(Quote));
            foreach (var arg in new[] { "--quiet", "--return", "--flush", "--command", command, "/dev/null" })
            {
                info.ArgumentList.Add(arg);
            }
        }
        else
        {
            info.ArgumentList.Add(cli);
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }
        }

        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        foreach (var (name, value) in product.Environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["HOTSET_CONFIG_DIR"] = product.ConfigDirectory;
        info.Environment["TERM"] = "xterm-256color";
        info.Environment["LANG"] = "C.UTF-8";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The CLI built beside this test assembly: artifacts/bin/Hotset.Cli/&lt;config&gt;/hotset.dll.</summary>
    private static string CliDll()
    {
        var testDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        return Path.GetFullPath(Path.Combine(testDir, "..", "..", "Hotset.Cli", Path.GetFileName(testDir), "hotset.dll"));
    }
}
