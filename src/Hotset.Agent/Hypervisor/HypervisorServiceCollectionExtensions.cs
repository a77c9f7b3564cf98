using Hotset.Agent.Hypervisor.Libvirt;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Agent.Hypervisor.Simulated;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Hypervisor;

public static class HypervisorServiceCollectionExtensions
{
    /// <summary>
    /// This host's <see cref="IHypervisor"/>, chosen by <c>Agent:Hypervisor</c>: <c>qemu</c> (QEMU driven directly over
    /// QMP, <see cref="QemuOptions"/> from section <c>Qemu</c>, validated — QEMU 10 or newer — when the host starts) or
    /// <c>simulated</c> (<see cref="SimulatedOptions"/> from section <c>Simulated</c>; no QEMU needed) or <c>libvirt</c>
    /// (QEMU through the host's libvirtd, <see cref="LibvirtOptions"/> from section <c>Libvirt</c>). The choice is
    /// read when the hypervisor is first used, so that settings added after the program's own (tests) count.
    /// </summary>
    public static IServiceCollection AddHypervisor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.Section));
        services.AddOptions<QemuOptions>()
            .Bind(configuration.GetSection(QemuOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QemuOptions>, QemuOptionsValidator>());
        services.AddOptions<SimulatedOptions>()
            .Bind(configuration.GetSection(SimulatedOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LibvirtOptions>()
            .Bind(configuration.GetSection(LibvirtOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<LibvirtHypervisor>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<QemuHypervisor>();
        services.TryAddSingleton<VcpuPinner>();
        services.TryAddSingleton<SimulatedHypervisor>();
        services.TryAddSingleton<SimulatedThreadAffinity>();
        services.TryAddSingleton<IHypervisor>(sp => IsSimulated(sp)
            ? sp.GetRequiredService<SimulatedHypervisor>()
            : IsLibvirt(sp) ? sp.GetRequiredService<LibvirtHypervisor>() : sp.GetRequiredService<QemuHypervisor>());
        services.TryAddSingleton<IThreadAffinity>(sp => IsSimulated(sp)
            ? sp.GetRequiredService<SimulatedThreadAffinity>()
            : IsLibvirt(sp) ? sp.GetRequiredService<LibvirtHypervisor>().Pins : sp.GetRequiredService<VcpuPinner>());
        return services;
    }

    private static bool IsLibvirt(IServiceProvider services) =>
        services.GetRequiredService<IOptions<AgentOptions>>().Value.Hypervisor == LibvirtHypervisor.Name;

    private static bool IsSimulated(IServiceProvider services) =>
        AgentOptions.IsSimulated(services.GetRequiredService<IOptions<AgentOptions>>().Value);
}
