using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hotset.Client;
using Hotset.Testing.Processes;

namespace Hotset.EndToEnd.Tests;

/// <summary>
/// The product as separate operating-system processes, as <c>make run</c> starts it: the built agent and engine
/// (<c>dotnet Hotset.Agent.dll</c>, <c>dotnet Hotset.Engine.dll</c>) on loopback ports, with their state in a temp
/// directory, so that a test can kill either with SIGKILL and start it again on the same state. QEMU processes
/// outlive the agent, as they do in production; every one left at the end is killed by its process id.
/// </summary>
public sealed class ProductProcesses : IAsyncDisposable
{
    public const string AdminPassword = "fault-admin-password";

    private readonly string _root = Directory.CreateTempSubdirectory("hotset-faults-").FullName;
    private readonly int _agentPort = LoopbackPort.Free();
    private readonly int _enginePort = LoopbackPort.Free();
    private readonly TimeSpan _hookTimeout;
    private readonly string _databaseTimeoutSeconds;
    private Process? _agent;
    private readonly HttpClient _http;
    private Process? _engine;

    /// <param name="hookTimeout">How long the agent lets a hook script run.</param>
    /// <param name="databaseTimeout">How long the engine waits for a locked SQLite database before a write fails.</param>
    public ProductProcesses(TimeSpan hookTimeout, TimeSpan databaseTimeout)
    {
        _hookTimeout = hookTimeout;
        _databaseTimeoutSeconds = ((int)databaseTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(HooksDirectory);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_enginePort}/ovirt-engine/api/"), Timeout = TimeSpan.FromMinutes(3) };
        var hotset = new HotsetClient(_http);
        hotset.UseBasic("admin@internal", AdminPassword);
        Api = new EngineApi(hotset);
    }

    public EngineApi Api { get; }

    public string Root => _root;

    public string HooksDirectory => Path.Combine(_root, "hooks");

    public string DatabasePath => Path.Combine(_root, "engine", "engine.db");

    private string AgentState => Path.Combine(_root, "agent");

    /// <summary>Starts the agent and waits until it wrote its secret (it listens by then).</summary>
    public async Task StartAgentAsync()
    {
        _agent = Start("Hotset.Agent", "agent.log",
            $"--Agent:Urls=http://127.0.0.1:{_agentPort}", $"--Agent:StateDirectory={AgentState}",
            $"--Hooks:Directory={HooksDirectory}", $"--Hooks:Timeout={_hookTimeout:c}",
            $"--Qemu:GuestKernel={Path.Combine(Prerequisites.GuestDirectory, "vmlinux")}",
            $"--Qemu:GuestInitrd={Path.Combine(Prerequisites.GuestDirectory, "initramfs.cpio.gz")}");
        await UntilAsync(() => File.Exists(Path.Combine(AgentState, "agent.secret")) && Answers(_agentPort), _agent, "the agent to listen");
    }

    /// <summary>Starts the engine on the same database and waits until the local host is up.</summary>
    public async Task StartEngineAsync()
    {
        var connection = $"Data Source={DatabasePath};Default Timeout={_databaseTimeoutSeconds};Pooling=True";
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _engine = Start("Hotset.Engine", "engine.log",
            $"--Urls=http://127.0.0.1:{_enginePort}", $"--Engine:DataDirectory={Path.Combine(_root, "engine")}",
            $"--ConnectionStrings:Engine={connection}", $"--Engine:AdminPassword={AdminPassword}",
            $"--Engine:LocalHost:Address=http://127.0.0.1:{_agentPort}",
            $"--Engine:LocalHost:SecretFile={Path.Combine(AgentState, "agent.secret")}",
            "--Engine:LocalHost:Name=local", "--Engine:LocalHost:Cluster=Default",
            "--Engine:Monitoring:Interval=00:00:00.500");
        await UntilAsync(() => Answers(_enginePort), _engine, "the engine to listen");
        await Api.WaitForHostUpAsync("local", TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILL: no stop phase, no flushing; what was not written is lost, as in a crash.</summary>
    public void KillAgent() => Kill(ref _agent);

    public void KillEngine() => Kill(ref _engine);

    /// <summary>Writes an executable hook script <paramref name="name"/> for <paramref name="hookPoint"/>.</summary>
    public void AddHook(string hookPoint, string name, string script) =>
        HookScript.Write(HooksDirectory, hookPoint, name, script);

    public void RemoveHooks() => Directory.Delete(HooksDirectory, recursive: true);

    /// <summary>The last lines of a process's log, for a failure message.</summary>
    public string Log(string name)
    {
        var path = Path.Combine(_root, name);
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(40)) : "(no log)";
    }

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null && _agent is not null)
        {
            try
            {
                await Api.StopAllStartedAsync();
            }
            catch (HttpRequestException)
            {
                // The engine is gone: the QEMU processes are killed below anyway.
            }
        }

        KillEngine();
        KillAgent();
        _http.Dispose();
        QemuProcesses.KillThoseUsing(_root);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A QEMU that was just killed may still hold a socket file for a moment; the temp dir is harmless.
        }
    }

    private Process Start(string project, string log, params string[] args)
    {
        // The test assembly lives in artifacts/bin/Hotset.EndToEnd.Tests/<config>; the product beside it.
        var testDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var config = Path.GetFileName(testDir);
        var dir = Path.GetFullPath(Path.Combine(testDir, "..", "..", project, config));
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(dir, project + ".dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{project} did not start");
        var writer = new StreamWriter(Path.Combine(_root, log), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is not null)
        {
            lock (writer)
            {
                writer.WriteLine(line);
            }
        }
    }

    private static void Kill(ref Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        process.Dispose();
        process = null;
    }

    private async Task UntilAsync(Func<bool> ready, Process process, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!ready())
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Waiting for {what}, but it exited ({process.ExitCode}).\n{Log("agent.log")}\n{Log("engine.log")}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 60 s for {what}.\n{Log("agent.log")}\n{Log("engine.log")}");
            }

            await Task.Delay(100);
        }
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
