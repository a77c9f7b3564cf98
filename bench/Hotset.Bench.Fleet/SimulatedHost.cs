using System.Security.Cryptography;
using Hotset.Agent;
using Microsoft.AspNetCore.Builder;

namespace Hotset.Bench.Fleet;

/// <summary>
/// One SIMULATED host: a real agent (<see cref="AgentApplication"/>, <c>Agent:Hypervisor = simulated</c>) listening
/// on its own loopback port with its own secret and state directory, inside the fleet's process. It records when the
/// engine calls it, so the harness sees each host's monitoring cycle. <see cref="StopAsync"/> is a lost host (its port
/// refuses connections); <see cref="StartAsync"/> brings it back on the same state, where its VMs still run.
/// </summary>
public sealed class SimulatedHost : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<long> _calls = [];
    private readonly List<(long At, TimeSpan Took)> _durations = [];
    private WebApplication? _app;

    public SimulatedHost(string name, string stateDirectory)
    {
        Name = name;
        StateDirectory = stateDirectory;
        Secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    }

    public string Name { get; }
    public string StateDirectory { get; }
    /// <summary>The port, chosen by the system at the first start and kept for every later one.</summary>
    public int Port { get; private set; }
    public string Secret { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public bool Running => _app is not null;

    public async Task StartAsync(CancellationToken ct)
    {
        var app = AgentApplication.Create(
        [
            $"--Agent:Urls=http://127.0.0.1:{Port}",
            $"--Agent:StateDirectory={StateDirectory}",
            $"--Agent:Secret={Secret}",
            "--Agent:Hypervisor=simulated",
            $"--Hooks:Directory={Path.Combine(StateDirectory, "hooks")}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Error",
        ]);
        app.Use(async (context, next) =>
        {
            var at = Record();
            await next(context);
            lock (_lock)
            {
                _durations.Add((at, System.Diagnostics.Stopwatch.GetElapsedTime(at)));
                if (_durations.Count > 10_000)
                {
                    _durations.RemoveRange(0, 5_000);
                }
            }
        });
        await app.StartAsync(ct);
        Port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }
    }

    /// <summary>Times (Stopwatch ticks) of the JSON-RPC calls received since <paramref name="since"/>.</summary>
    public IReadOnlyList<long> CallsSince(long since)
    {
        lock (_lock)
        {
            return [.. _calls.Where(t => t >= since)];
        }
    }

    /// <summary>How long the calls received since <paramref name="since"/> took inside the agent.</summary>
    public IReadOnlyList<TimeSpan> DurationsSince(long since)
    {
        lock (_lock)
        {
            return [.. _durations.Where(d => d.At >= since).Select(d => d.Took)];
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private long Record()
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _calls.Add(now);
            if (_calls.Count > 10_000)
            {
                _calls.RemoveRange(0, 5_000);
            }
        }

        return now;
    }
}
