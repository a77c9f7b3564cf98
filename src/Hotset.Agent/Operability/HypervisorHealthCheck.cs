using Hotset.Agent.Hypervisor.Qemu;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Operability;

/// <summary>
/// Ready only if the hypervisor driver can start VMs: the QEMU binary runs and is version 10 or newer (asked at each
/// check, so a removed or downgraded QEMU is noticed), or the driver is the simulated one.
/// </summary>
internal sealed class HypervisorHealthCheck(IOptions<AgentOptions> agent, IOptions<QemuOptions> qemu) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        if (AgentOptions.IsSimulated(agent.Value))
        {
            return Task.FromResult(HealthCheckResult.Healthy("The simulated hypervisor runs no QEMU."));
        }

        var problem = QemuVersion.Check(qemu.Value.Binary, out var version);
        return Task.FromResult(problem is null
            ? HealthCheckResult.Healthy($"QEMU {version} runs.")
            : HealthCheckResult.Unhealthy(problem));
    }
}
