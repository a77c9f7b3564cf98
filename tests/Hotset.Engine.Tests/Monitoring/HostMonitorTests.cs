using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Monitoring;
using Hotset.Engine.Operability;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hotset.Engine.Tests.Monitoring;

/// <summary>The monitoring loop as registered by <c>AddHostMonitoring()</c>, driven by a fake clock.</summary>
public sealed class HostMonitorTests
{
    [Fact]
    public async Task ExecuteAsync_EachInterval_PollsEveryHost()
    {
        var bed = new EngineTestBed();
        var vm = await bed.AddRunningVmAsync();
        var time = new FakeTimeProvider();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<IVmStore>(bed.Vms)
            .AddSingleton<IHostStore>(bed.Hosts)
            .AddSingleton<IClusterStore>(bed.Clusters)
            .AddSingleton<IAuditLog>(bed.Audit)
            .AddSingleton<IHostAgents>(bed.Agents)
            .AddSingleton(bed.Locks)
            .AddSingleton(Options.Create(new HostMonitoringOptions { Interval = TimeSpan.FromSeconds(2) }))
            .AddSingleton<VcpuSamples>()
            .AddScoped<HostPoller>()
            .BuildServiceProvider();
        using var monitor = new HostMonitor(services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<IOptions<HostMonitoringOptions>>(), time, new EngineMetrics(), NullLogger<HostMonitor>.Instance);
        bed.Agent.Vms[vm.Id.ToString()].GuestCpuCount = 7;

        await monitor.StartAsync(default);
        await WaitForAsync(() => bed.Vms.Get(vm.Id).GuestCpuCount == 7);
        bed.Agent.Vms[vm.Id.ToString()].GuestCpuCount = 9;
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForAsync(() => bed.Vms.Get(vm.Id).GuestCpuCount == 9);
        await monitor.StopAsync(default);

        Assert.Equal(VmStatus.Up, bed.Vms.Get(vm.Id).Status);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
