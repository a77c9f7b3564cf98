using System.Diagnostics;

namespace Hotset.Bench.Hosts;

/// <summary>
/// An engine or agent started as a real process (<c>dotnet X.dll --Key=value…</c>) with its output in a log file, as
/// <c>scripts/run.sh</c> starts them. Disposing stops it: SIGTERM, then SIGKILL after 10 s.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, string log)
    {
        _process = process;
        Log = log;
    }

    public string Log { get; }

    public bool HasExited => _process.HasExited;

    public static HostProcess Start(string dll, IEnumerable<string> args, IDictionary<string, string> env, string log)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$HOTSET_BENCH_LOG\" 2>&1");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOTSET_BENCH_LOG"] = log;
        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
        return new HostProcess(process, log);
    }

    /// <summary>The last lines of the log, for an error message.</summary>
    public string Tail(int lines = 15) =>
        File.Exists(Log) ? string.Join('\n', File.ReadLines(Log).TakeLast(lines)) : "(no log)";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                term.WaitForExit();
            }

            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }

        _process.Dispose();
    }
}
