using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Hotset.Core.Agent;

namespace Hotset.Bench.Hosts;

/// <summary>
/// A throwaway installation in a temporary directory: an agent and/or an engine started as real processes, like
/// <c>scripts/run.sh</c> does. Disposing stops the engine, destroys every VM through the agent, stops the agent and
/// kills any QEMU of this run still alive; the directory is deleted unless the run failed or <c>--keep</c> was given.
/// </summary>
public sealed class Lab(BenchOptions options) : IAsyncDisposable
{
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
    private HostProcess? _agentProcess;
    private HostProcess? _engineProcess;

    /// <summary>Short on purpose: QEMU's sockets live below it and Unix socket paths are limited to 107 bytes.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("hb-").FullName;

    public string AgentState => Path.Combine(Root, "agent");

    public string EngineData => Path.Combine(Root, "engine");

    public AgentRpc? Agent { get; private set; }

    public EngineApi? Engine { get; private set; }

    public bool Failed { get; set; }

    /// <summary>The run directory of a VM the agent runs (QEMU's sockets).</summary>
    public string RunDirectory(string vmId) => Path.Combine(AgentState, "vms", vmId, "run");

    public async Task<AgentRpc> StartAgentAsync(CancellationToken ct)
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var url = $"http://127.0.0.1:{FreePort()}";
        var hooks = Path.Combine(Root, "hooks");
        Directory.CreateDirectory(AgentState);
        Directory.CreateDirectory(hooks);
        File.WriteAllText(Path.Combine(Root, "agent.secret"), secret);
        File.SetUnixFileMode(Path.Combine(Root, "agent.secret"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // The test guest is named explicitly, as an installation names its kernel and initramfs.
        var guest = Path.GetFullPath(Environment.GetEnvironmentVariable("HOTSET_GUEST_DIR") is { Length: > 0 } dir ? dir : ".guest");
        var env = new Dictionary<string, string>
        {
            ["Qemu__GuestKernel"] = Path.Combine(guest, "vmlinux"),
            ["Qemu__GuestInitrd"] = Path.Combine(guest, "initramfs.cpio.gz"),
        };

        _agentProcess = HostProcess.Start(options.AgentDll,
            [$"--Agent:Urls={url}", $"--Agent:StateDirectory={AgentState}", $"--Hooks:Directory={hooks}", $"--Agent:Secret={secret}"],
            env, Path.Combine(Root, "agent.log"));
        Agent = new AgentRpc(new Uri(url), secret);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Agent.CallAsync(AgentMethods.GetCapabilities, null, ct);
                return Agent;
            }
            catch (HttpRequestException) when (attempt < 600 && !_agentProcess.HasExited)
            {
                await Task.Delay(200, ct);
            }
            catch (HttpRequestException)
            {
                throw new InvalidOperationException($"The agent did not start; its log ends with:\n{_agentProcess.Tail()}");
            }
        }
    }

    /// <summary>Starts the engine on SQLite in <see cref="EngineData"/>; with an agent, registers it as host <c>local</c>.</summary>
    public async Task<EngineApi> StartEngineAsync(CancellationToken ct)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        Directory.CreateDirectory(EngineData);
        var args = new List<string>();
        if (Agent is not null)
        {
            args.AddRange([$"--Engine:LocalHost:Address={Agent.Address.ToString().TrimEnd('/')}",
                $"--Engine:LocalHost:SecretFile={Path.Combine(Root, "agent.secret")}",
                "--Engine:LocalHost:Name=local", "--Engine:LocalHost:Cluster=Default"]);
        }

        _engineProcess = HostProcess.Start(options.EngineDll, args,
            new Dictionary<string, string>
            {
                ["HOTSET_URLS"] = url,
                ["HOTSET_DATA_DIR"] = EngineData,
                ["HOTSET_ADMIN_PASSWORD"] = _password,
            },
            Path.Combine(Root, "engine.log"));
        Engine = new EngineApi(new Uri($"{url}/ovirt-engine/api/"));
        await Engine.LoginAsync(_password, _engineProcess, ct);
        return Engine;
    }

    public void StopEngine()
    {
        Engine?.Dispose();
        Engine = null;
        _engineProcess?.Dispose();
        _engineProcess = null;
    }

    public async ValueTask DisposeAsync()
    {
        StopEngine();
        if (Agent is not null && _agentProcess is { HasExited: false })
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                foreach (var vm in (await Agent.CallAsync(AgentMethods.GetAllVmStats, null, cts.Token)).EnumerateArray())
                {
                    await Agent.CallAsync(AgentMethods.Destroy, new { vmID = vm.GetProperty("vmId").GetString() }, cts.Token);
                }
            }
            catch (Exception e) when (e is HttpRequestException or AgentCallException or OperationCanceledException)
            {
                Console.Error.WriteLine($"  cleanup: destroying VMs through the agent failed ({e.Message}); killing QEMU by pid.");
            }
        }

        Agent?.Dispose();
        _agentProcess?.Dispose();
        var reaped = QemuReaper.Reap(AgentState);
        if (reaped > 0)
        {
            Console.Error.WriteLine($"  cleanup: killed {reaped} QEMU process(es) of this run.");
        }

        if (Failed || options.Keep)
        {
            Console.Error.WriteLine($"  logs and data kept in {Root}");
        }
        else
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
