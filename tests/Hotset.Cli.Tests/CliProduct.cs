using System.Text.Json;
using Hotset.Client;
using Hotset.EndToEnd.Tests;

namespace Hotset.Cli.Tests;

/// <summary>
/// The real product (engine on a loopback port, real agent, QEMU, test guest) with two running VMs shared by the CLI
/// tests: <see cref="GuestVm"/> boots the test guest (its guest agent reports CPUs), <see cref="SilentVm"/> boots
/// the same kernel with a bare shell as init, so no guest agent ever confirms a CPU count.
/// </summary>
public sealed class CliProduct : IAsyncLifetime
{
    public const string GuestVmName = "cli-guest";
    public const string SilentVmName = "cli-silent";

    public HotsetProduct Product { get; } = HotsetProduct.WithEngineOnLoopback();

    public HotsetClient Client { get; private set; } = null!;

    public string ConfigDirectory { get; } = Directory.CreateTempSubdirectory("hotset-cli-config-").FullName;

    public Vm GuestVm { get; private set; } = null!;

    public Vm SilentVm { get; private set; } = null!;

    /// <summary>HOTSET_URL and HOTSET_PASSWORD of the admin: each command logs in by itself.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["HOTSET_URL"] = Product.EngineUrl,
        ["HOTSET_PASSWORD"] = HotsetProduct.AdminPassword,
    };

    public async Task InitializeAsync()
    {
        await Product.InitializeAsync();
        Client = new HotsetClient(new HttpClient { Timeout = TimeSpan.FromMinutes(3) }, new Uri(Product.EngineUrl));
        Client.UseBasic("admin@internal", HotsetProduct.AdminPassword);

        // This machine has few cores and the tests plug several vCPUs into two VMs: allow overcommit.
        var cluster = (await Client.Clusters.ListAsync()).Single(c => c.Name == "Default");
        await Client.Clusters.UpdateAsync(cluster.Id, new ClusterUpdate { VcpuOvercommitRatio = 16 });
        var guest = await Client.Vms.AddAsync(new VmCreate(GuestVmName) { Memory = 128L << 20, Sockets = 1 });
        var silent = await Client.Vms.AddAsync(new VmCreate(SilentVmName) { Memory = 128L << 20, Sockets = 1, KernelCmdline = "rdinit=/bin/sh" });
        await Client.Vms.StartAsync(guest.Id);
        await Client.Vms.StartAsync(silent.Id);
        GuestVm = await WaitForVmAsync(guest.Id, v => v.Status == "up" && v.GuestCpuCount == 1, TimeSpan.FromSeconds(120));
        SilentVm = await WaitForVmAsync(silent.Id, v => v.Status == "up", TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        foreach (var vm in new[] { GuestVm, SilentVm }.Where(v => v is not null))
        {
            try
            {
                await Client.Vms.StopAsync(vm.Id);
            }
            catch (HotsetApiException)
            {
                // Already down; the product's process sweep follows anyway.
            }
        }

        await Product.DisposeAsync();
        Directory.Delete(ConfigDirectory, recursive: true);
    }

    public Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(Environment, ConfigDirectory, args);

    public async Task<Vm> WaitForVmAsync(string id, Func<Vm, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        Vm vm;
        do
        {
            vm = await Client.Vms.GetAsync(id);
            if (condition(vm))
            {
                return vm;
            }

            await Task.Delay(200);
        }
        while (DateTimeOffset.UtcNow < deadline);

        throw new TimeoutException($"VM {vm.Name} did not get there within {timeout.TotalSeconds} s: {JsonSerializer.Serialize(vm)}");
    }

    /// <summary>Waits until the engine has logged an event with <paramref name="code"/> for the VM after event <paramref name="afterId"/>.</summary>
    public async Task<Event> WaitForEventAsync(string vmId, int code, long afterId, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        do
        {
            var events = await Client.Events.ListAsync(new EventQuery(From: afterId, Search: $"vm.id={vmId} and code={code}"));
            if (events.Count > 0)
            {
                return events[0];
            }

            await Task.Delay(200);
        }
        while (DateTimeOffset.UtcNow < deadline);

        throw new TimeoutException($"No event {code} for VM {vmId} within {timeout.TotalSeconds} s.");
    }

    public async Task<long> LastEventIdAsync() =>
        (await Client.Events.ListAsync(new EventQuery(Max: 1))) is [var newest, ..] ? newest.Id : 0;
}

[CollectionDefinition(Name)]
public sealed class CliProductGroup : ICollectionFixture<CliProduct>
{
    public const string Name = "cli-product";
}
