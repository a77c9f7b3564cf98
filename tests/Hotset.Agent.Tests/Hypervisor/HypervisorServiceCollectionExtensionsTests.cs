using Hotset.Agent.Hypervisor;
using Hotset.Agent.Hypervisor.Libvirt;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Agent.Hypervisor.Simulated;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Tests.Hypervisor;

public sealed class HypervisorServiceCollectionExtensionsTests
{
    [Fact]
    public void AddHypervisor_Configured_BindsSectionAndRegistersQemu()
    {
        using var services = Build(new() { ["Qemu:UnplugTimeout"] = "00:00:07", ["Qemu:Machine"] = "q35" });

        var options = services.GetRequiredService<IOptions<QemuOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(7), options.UnplugTimeout);
        Assert.Equal("q35", options.Machine);
        Assert.IsType<QemuHypervisor>(services.GetRequiredService<IHypervisor>());
        Assert.Same(services.GetRequiredService<VcpuPinner>(), services.GetRequiredService<IThreadAffinity>());
    }

    [Fact]
    public void AddHypervisor_MissingQemu_ValidationFailsWithInstallHint()
    {
        using var services = Build(new() { ["Qemu:Binary"] = "/nonexistent/qemu" });

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QemuOptions>>().Value);

        Assert.Contains("Cannot run QEMU '/nonexistent/qemu'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHypervisor_TimeoutOutOfRange_ValidationFails()
    {
        using var services = Build(new() { ["Qemu:UnplugTimeout"] = "00:00:00" });

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QemuOptions>>().Value);

        Assert.Contains("UnplugTimeout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHypervisor_Simulated_NeedsNoQemuAndPinsNoRealThread()
    {
        using var services = Build(new() { ["Agent:Hypervisor"] = "simulated", ["Qemu:Binary"] = "/nonexistent/qemu", ["Simulated:PlugLatency"] = "00:00:00.002" });

        Assert.IsType<SimulatedHypervisor>(services.GetRequiredService<IHypervisor>());
        Assert.IsType<SimulatedThreadAffinity>(services.GetRequiredService<IThreadAffinity>());
        Assert.Equal(TimeSpan.FromMilliseconds(2), services.GetRequiredService<IOptions<SimulatedOptions>>().Value.PlugLatency);
        Assert.NotNull(services.GetRequiredService<IOptions<QemuOptions>>().Value);
    }

    [Fact]
    public void AddHypervisor_Libvirt_BindsSectionAndRegistersLibvirt()
    {
        using var services = Build(new() { ["Agent:Hypervisor"] = "libvirt", ["Libvirt:Uri"] = "qemu:///system?socket=/tmp/x/libvirt-sock" });

        Assert.IsType<LibvirtHypervisor>(services.GetRequiredService<IHypervisor>());
        Assert.Equal("qemu:///system?socket=/tmp/x/libvirt-sock", services.GetRequiredService<IOptions<LibvirtOptions>>().Value.Uri);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddHypervisor(configuration).BuildServiceProvider();
    }
}
