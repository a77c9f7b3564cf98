using System.Runtime.CompilerServices;
using Hotset.Agent.Hooks;
using Hotset.Agent.Hypervisor.Libvirt;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Agent.Hypervisor.Simulated;
using Hotset.Hosting;
using Microsoft.Extensions.Configuration;

namespace Hotset.Agent.Tests;

/// <summary>The shipped <c>appsettings.json</c> lists every option of the agent, each with the default of its type.</summary>
public sealed class AppSettingsTests
{
    public static TheoryData<string, Type> Sections => new()
    {
        { AgentOptions.Section, typeof(AgentOptions) },
        { HookOptions.Section, typeof(HookOptions) },
        { QemuOptions.Section, typeof(QemuOptions) },
        { LibvirtOptions.Section, typeof(LibvirtOptions) },
        { SimulatedOptions.Section, typeof(SimulatedOptions) },
        { SimulatedOptions.Section + ":" + nameof(SimulatedOptions.Faults), typeof(SimulatedFaults) },
        { MetricsOptions.Section, typeof(MetricsOptions) },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void AppSettings_EveryOption_IsListedWithItsDefault(string section, Type options)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(AppSettingsPath()).Build().GetSection(section);
        var defaults = Activator.CreateInstance(options)!;
        var bound = configuration.Get(options) ?? Activator.CreateInstance(options)!;

        foreach (var property in options.GetProperties().Where(p => p.CanWrite && !IsSubsection(p.PropertyType)))
        {
            Assert.True(configuration[property.Name] is not null, $"appsettings.json has no {section}:{property.Name}.");
            Assert.Equal(property.GetValue(defaults), property.GetValue(bound));
        }
    }

    [Fact]
    public void AppSettings_EveryKey_IsAnOption()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(AppSettingsPath()).Build();
        var known = new Dictionary<string, Type>
        {
            [AgentOptions.Section] = typeof(AgentOptions),
            [HookOptions.Section] = typeof(HookOptions),
            [QemuOptions.Section] = typeof(QemuOptions),
            [LibvirtOptions.Section] = typeof(LibvirtOptions),
            [SimulatedOptions.Section] = typeof(SimulatedOptions),
            [SimulatedOptions.Section + ":" + nameof(SimulatedOptions.Faults)] = typeof(SimulatedFaults),
            [MetricsOptions.Section] = typeof(MetricsOptions),
        };

        foreach (var (section, type) in known)
        {
            foreach (var key in configuration.GetSection(section).GetChildren().Select(c => c.Key))
            {
                Assert.True(type.GetProperty(key) is not null, $"appsettings.json sets {section}:{key}, which {type.Name} does not have.");
            }
        }
    }

    /// <summary>An option that is a section of its own (checked as its own theory row).</summary>
    private static bool IsSubsection(Type type) => type.IsClass && type != typeof(string);

    private static string AppSettingsPath([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "src", "Hotset.Agent", "appsettings.json"));
}
