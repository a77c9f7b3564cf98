using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text;

namespace Hotset.Engine.Tests.Testing;

/// <summary>
/// A temporary tree in which <c>scripts/run.sh</c> runs with stand-ins on the PATH: a <c>dotnet</c> that builds
/// nothing and starts an agent (noting its arguments, writing its secret) or an engine that only sleeps, and a
/// <c>curl</c> each test writes.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class RunScriptSandbox : IDisposable
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const string TourEnd = "Ctrl-C stops";

    public RunScriptSandbox(string prefix)
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Path.Combine(Root, "artifacts", "bin", "Hotset.Agent", "release"));
        Directory.CreateDirectory(Path.Combine(Root, "artifacts", "bin", "Hotset.Engine", "release"));
        WriteTool("dotnet", $$"""
            #!/bin/sh
            case "$1" in
              build) exit 0 ;;
              Hotset.Agent.dll)
                echo "$*" >>"{{AgentCommandLines}}"
                for a in "$@"; do case "$a" in --Agent:StateDirectory=*) state=${a#*=} ;; esac; done
                echo "0123456789abcdef" >"$state/agent.secret"
                echo "agent running"; exec sleep 30 ;;
              *) echo "engine running"; exec sleep 30 ;;
            esac
            """);
    }

    public string Root { get; }

    /// <summary>A file with the arguments of every agent run.sh started, a line each.</summary>
    public string AgentCommandLines => Path.Combine(Root, "agents");

    /// <summary>The data directory run.sh is given (<c>HOTSET_DATA_DIR</c>).</summary>
    public string Data => Path.Combine(Root, "data");

    private string Bin => Path.Combine(Root, "bin");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Puts an executable script named <paramref name="name"/> first on run.sh's PATH.</summary>
    public void WriteTool(string name, string script)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, Executable);
    }

    /// <summary>
    /// Runs run.sh until it has printed its tour or exited, then stops it as Ctrl-C would; returns all it printed
    /// and its exit code. <paramref name="environment"/> entries with a null value are removed from the environment.
    /// </summary>
    public async Task<(string Output, int ExitCode)> RunAsync(IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "run.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = Bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOTSET_DATA_DIR"] = Data;
        start.Environment["HOTSET_ARTIFACTS"] = Path.Combine(Root, "artifacts");
        start.Environment["HOTSET_GUEST_DIR"] = Path.Combine(Root, "guest");
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var errors = process.StandardError.ReadToEndAsync();
        using var stop = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(stop.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.StartsWith(TourEnd, StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                using var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
                await interrupt.WaitForExitAsync();
            }

            output.Append(await process.StandardOutput.ReadToEndAsync());
            await process.WaitForExitAsync();
        }

        return (output + await errors, process.ExitCode);
    }
}
