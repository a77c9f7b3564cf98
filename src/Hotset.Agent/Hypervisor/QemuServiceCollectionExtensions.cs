using Hotset.Agent.Hypervisor.Qemu;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Hypervisor;

public static class QemuServiceCollectionExtensions
{
    /// <summary>
    /// QEMU driven directly over QMP as this host's <see cref="IHypervisor"/>, with <see cref="QemuOptions"/> bound from
    /// section <c>Qemu</c> and validated (QEMU 10 or newer) when the host starts; plus <see cref="VcpuPinner"/>.
    /// </summary>
    public static IServiceCollection AddQemuHypervisor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QemuOptions>()
            .Bind(configuration.GetSection(QemuOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QemuOptions>, QemuOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHypervisor, QemuHypervisor>();
        services.TryAddSingleton<VcpuPinner>();
        services.TryAddSingleton<IThreadAffinity>(sp => sp.GetRequiredService<VcpuPinner>());
        return services;
    }
}
