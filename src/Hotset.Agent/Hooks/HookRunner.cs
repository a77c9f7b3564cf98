using System.ComponentModel;
using System.Diagnostics;
using Hotset.Core.Agent;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Hooks;

/// <summary>
/// VDSM's hook contract (<c>vdsm/common/hooks.py</c>): executables in <c>&lt;hooks&gt;/&lt;hook point&gt;/</c>, lexical
/// order; exit 0 = ok; 2 = failure, run no further hooks; any other code = failure, the remaining hooks still run and
/// the point fails after them (the last failure is reported, as VDSM raises the last error). <b>Better:</b> each
/// script runs under a timeout (a killed script stops the point like exit 2), and the environment carries the VM id,
/// name and, for CPU hooks, the old and new counts. <c>_hook_domxml</c> names a file with the VM definition as
/// <b>JSON</b> (<see cref="VmDefinition"/>), not libvirt XML; changes to it are ignored.
/// </summary>
internal sealed partial class HookRunner(IOptions<HookOptions> options, TimeProvider time, ILogger<HookRunner> logger)
    : IHookRunner
{
    private const int StopExitCode = 2;
    private const int MaxStderrChars = 2000;
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(1);

    public async Task<HookRunResult> RunAsync(
        string hookPoint, VmDefinition vm, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var scripts = FindScripts(hookPoint);
        if (scripts.Count == 0)
        {
            return new HookRunResult([], null);
        }

        var definitionFile = await HookDefinitionFile.WriteAsync(vm, ct);
        try
        {
            var env = new Dictionary<string, string>(environment)
            {
                ["vmId"] = vm.VmId,
                ["vmName"] = vm.VmName,
                ["_hook_domxml"] = definitionFile,
            };
            var ran = new List<string>();
            HookFailure? last = null;
            foreach (var script in scripts)
            {
                var name = Path.GetFileName(script);
                ran.Add(name);
                var failure = await RunScriptAsync(hookPoint, script, vm.VmId, env, ct);
                last = failure ?? last;
                // A script that exits with 2, hangs or cannot start stops the point at once.
                if (failure is { ExitCode: StopExitCode or null })
                {
                    LogStopped(hookPoint, name, vm.VmId);
                    break;
                }
            }

            return new HookRunResult(ran, last);
        }
        finally
        {
            File.Delete(definitionFile);
        }
    }

    public bool HasScripts(string hookPoint) => FindScripts(hookPoint).Count > 0;

    private List<string> FindScripts(string hookPoint)
    {
        var directory = Path.Combine(options.Value.Directory, hookPoint);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return [.. Directory.GetFiles(directory)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && (File.GetUnixFileMode(f) & anyExecute) != 0)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Runs one script; null when it exited with 0, else what went wrong.</summary>
    private async Task<HookFailure?> RunScriptAsync(
        string hookPoint, string script, string vmId, Dictionary<string, string> env, CancellationToken ct)
    {
        var name = Path.GetFileName(script);
        var start = new ProcessStartInfo(script)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script),
        };
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        var started = time.GetTimestamp();
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            return new HookFailure(hookPoint, name, $"could not be started ({e.Message})", null, "");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var exited = process.WaitForExitAsync(CancellationToken.None);
            using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var timeout = options.Value.Timeout;
            var first = await Task.WhenAny(exited, Task.Delay(timeout, time, stopDelay.Token));
            await stopDelay.CancelAsync();
            var killed = first != exited;
            if (killed)
            {
                process.Kill(entireProcessTree: true);
                await exited;
                ct.ThrowIfCancellationRequested();
            }

            // A script may leave a child behind that holds its output open: do not wait for it for long.
            await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(OutputGrace, time, CancellationToken.None));
            var errorText = stderr.IsCompletedSuccessfully ? Tail(stderr.Result) : "";
            var outputText = stdout.IsCompletedSuccessfully ? Tail(stdout.Result) : "";
            var elapsed = time.GetElapsedTime(started);
            if (killed)
            {
                LogKilled(hookPoint, name, vmId, timeout.TotalSeconds);
                return new HookFailure(hookPoint, name, $"did not finish within {timeout.TotalSeconds:0.#} s and was killed", null, errorText);
            }

            LogRan(hookPoint, name, vmId, process.ExitCode, elapsed.TotalMilliseconds, outputText);
            return process.ExitCode == 0
                ? null
                : new HookFailure(hookPoint, name, $"exited with {process.ExitCode}", process.ExitCode, errorText);
        }
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxStderrChars ? trimmed : "…" + trimmed[^MaxStderrChars..];
    }
}
