using Hotset.Engine.Hosts;
using Hotset.Engine.Operability;
using Microsoft.Extensions.Options;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Monitoring;

/// <summary>
/// Polls every host that is not in maintenance each <see cref="HostMonitoringOptions.Interval"/> (hosts in
/// parallel, each poll in its own DI scope). A poll that fails unexpectedly is logged and retried next round.
/// </summary>
public sealed partial class HostMonitor(IServiceScopeFactory scopes, IOptions<HostMonitoringOptions> options,
    TimeProvider time, EngineMetrics metrics, ILogger<HostMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            await PollAllAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: every host once. Public so tests can tick by hand.</summary>
    public async Task PollAllAsync(CancellationToken ct)
    {
        var started = time.GetTimestamp();
        IReadOnlyList<Host> hosts;
        using (var scope = scopes.CreateScope())
        {
            hosts = await scope.ServiceProvider.GetRequiredService<IHostStore>().ListAsync(ct);
        }

        await Task.WhenAll(hosts.Where(h => h.Status != HostStatus.Maintenance).Select(h => PollOneAsync(h, ct)));
        metrics.MonitoringRoundDone(time.GetElapsedTime(started));
    }

    private async Task PollOneAsync(Host host, CancellationToken ct)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<HostPoller>().PollAsync(host, ct);
        }
        catch (ConcurrencyException e)
        {
            LogConcurrentChange(host.Name, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogPollFailed(e, host.Name);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Host {HostName} changed during its poll; next round: {Error}")]
    private partial void LogConcurrentChange(string hostName, string error);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Polling host {HostName} failed")]
    private partial void LogPollFailed(Exception exception, string hostName);
}
