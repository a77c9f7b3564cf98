using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Operability;

/// <summary>
/// Ready only if the state directory (each VM's definition and QEMU's run directory) takes a new file: the check
/// writes one and deletes it. The path is not shown to anonymous callers; the reason goes to the log.
/// </summary>
internal sealed class StateDirectoryHealthCheck(IOptions<AgentOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var probe = Path.Combine(options.Value.StateDirectory, $".health-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy("The state directory is writable.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("The state directory is not writable (the reason is in the agent's log).", e);
        }
    }
}
