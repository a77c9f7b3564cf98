using System.Reflection;
using System.Text.Json;
using Hotset.Agent.Hypervisor;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary><c>Host.getCapabilities</c>: the host's CPUs, what its QEMU offers, and the agent's version.</summary>
internal sealed class GetCapabilitiesVerb(IHypervisor hypervisor) : IVerb
{
    private static readonly string AgentVersion =
        typeof(GetCapabilitiesVerb).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";

    public string Method => AgentMethods.GetCapabilities;

    public int HypervisorFaultCode => AgentErrorCodes.GeneralError;

    public async Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct)
    {
        var info = await hypervisor.GetInfoAsync(ct);
        var cpus = HostCpuTopology.Read();
        return new HostCapabilities
        {
            HostName = Environment.MachineName,
            CpuSockets = cpus.Sockets,
            CpuCores = cpus.Cores,
            CpuThreads = cpus.Threads,
            OnlineCpus = cpus.OnlineCpus,
            QemuVersion = info.QemuVersion,
            EmulatedMachines = info.Machines,
            MaxVCpus = info.MaxVCpus,
            AgentVersion = AgentVersion,
            UsesLibvirt = info.UsesLibvirt,
            Hypervisor = info.Name,
        };
    }
}
