using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Microsoft.Extensions.Options;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Monitoring;

/// <summary>
/// Registers the local agent (<see cref="LocalHostOptions"/>) once the database and the agent's secret file are
/// there; retries each second until then, so the engine and the agent may start in either order.
/// </summary>
public sealed partial class LocalHostRegistration(IServiceScopeFactory scopes, IOptions<LocalHostOptions> options,
    TimeProvider time, ILogger<LocalHostRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Address))
        {
            return;
        }

        var waiting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await TryRegisterAsync(o, stoppingToken))
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRetry(o.Name, e.Message);
            }

            if (!waiting)
            {
                LogWaiting(o.Name, o.Cluster, o.SecretFile ?? "(none)");
                waiting = true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
        }
    }

    /// <summary>One attempt; false when the cluster or the secret is not there yet.</summary>
    public async Task<bool> TryRegisterAsync(LocalHostOptions o, CancellationToken ct)
    {
        var secret = o.SecretFile is { Length: > 0 } file && File.Exists(file)
            ? (await File.ReadAllTextAsync(file, ct)).Trim()
            : "";
        using var scope = scopes.CreateScope();
        var clusters = scope.ServiceProvider.GetRequiredService<IClusterStore>();
        var hosts = scope.ServiceProvider.GetRequiredService<IHostStore>();
        var cluster = (await clusters.ListAsync(ct))
            .FirstOrDefault(c => string.Equals(c.Name, o.Cluster, StringComparison.OrdinalIgnoreCase));
        if (cluster is null || secret.Length == 0)
        {
            return false;
        }

        var address = o.Address!.TrimEnd('/');
        var existing = (await hosts.ListAsync(ct))
            .FirstOrDefault(h => string.Equals(h.Name, o.Name, StringComparison.OrdinalIgnoreCase));
        if (existing is null)
        {
            await hosts.AddAsync(new Host
            {
                Id = Guid.NewGuid(),
                Name = o.Name,
                ClusterId = cluster.Id,
                Address = address,
                Secret = secret,
            }, ct);
            LogRegistered(o.Name, address, cluster.Name);
        }
        else if (existing.Address != address || existing.Secret != secret)
        {
            await hosts.UpdateAsync(existing with { Address = address, Secret = secret, Status = HostStatus.Unassigned }, ct);
            LogRegistered(o.Name, address, cluster.Name);
        }

        return true;
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Registered the local agent as host {HostName} at {Address} in cluster {Cluster}")]
    private partial void LogRegistered(string hostName, string address, string cluster);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Waiting to register host {HostName}: cluster {Cluster} and secret file {SecretFile} must exist")]
    private partial void LogWaiting(string hostName, string cluster, string secretFile);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Registering host {HostName} failed, retrying: {Error}")]
    private partial void LogRetry(string hostName, string error);
}
