using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hotset.Bench.Fleet;

/// <summary>
/// The engine as a real process (<c>dotnet Hotset.Engine.dll</c>) on a loopback port, its output in a log file, so
/// its CPU time and RSS can be read from <c>/proc</c>. Disposing stops it (SIGTERM, SIGKILL after 10 s).
/// </summary>
public sealed class EngineProcess : IDisposable
{
    public const string AdminPassword = "fleet-admin-password";

    private readonly Process _process;

    private EngineProcess(Process process, string url, string log) => (_process, Url, Log) = (process, url, log);

    public string Url { get; }
    public string Log { get; }
    public int Pid => _process.Id;

    public static async Task<EngineProcess> StartAsync(string dll, string dataDirectory, string connectionString,
        TimeSpan monitoringInterval, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var log = Path.Combine(dataDirectory, "engine.log");
        var info = new ProcessStartInfo("/bin/sh") { WorkingDirectory = Path.GetDirectoryName(dll)!, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$HOTSET_FLEET_LOG\" 2>&1");
        foreach (var arg in new[]
        {
            "dotnet", dll, $"--Urls={url}", $"--Engine:DataDirectory={dataDirectory}",
            $"--ConnectionStrings:Engine={connectionString}", $"--Engine:AdminPassword={AdminPassword}",
            $"--Engine:Monitoring:Interval={monitoringInterval:c}", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Hotset.Engine.Monitoring=Information",
        })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOTSET_FLEET_LOG"] = log;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var engine = new EngineProcess(process, url, log);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The engine exited with {process.ExitCode}:\n{engine.Tail()}");
            }

            try
            {
                using var answer = await http.GetAsync(url + "/ovirt-engine/api", ct);
                if (answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return engine;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                engine.Dispose();
                throw new TimeoutException($"The engine did not answer within 90 s:\n{engine.Tail()}");
            }

            await Task.Delay(200, ct);
        }
    }

    /// <summary>CPU time used so far (user + system) and resident memory now, from <c>/proc/&lt;pid&gt;</c>.</summary>
    public ProcessSample Sample() => ProcessSample.Of(_process.Id);

    public string Tail(int lines = 20) =>
        File.Exists(Log) ? string.Join('\n', File.ReadLines(Log).TakeLast(lines)) : "(no log)";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
