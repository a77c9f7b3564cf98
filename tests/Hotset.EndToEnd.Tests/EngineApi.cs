using System.Collections.Concurrent;
using Hotset.Client;

namespace Hotset.EndToEnd.Tests;

/// <summary>
/// The engine's REST API as the end-to-end tests use it: <see cref="Client"/> (the product's typed client) plus the
/// waits a test needs on top of it. Every VM a test starts is remembered so that the stack can stop it.
/// </summary>
public sealed class EngineApi(HotsetClient client)
{
    private readonly ConcurrentBag<string> _started = [];

    public HotsetClient Client => client;

    public Task<Vm> GetVmAsync(string id, bool nextRun = false) => client.Vms.GetAsync(id, nextRun);

    /// <summary>Creates a 128 MiB VM from Blank in Default (no disk, no kernel: it boots the test guest).</summary>
    public async Task<string> CreateVmAsync(string name, int sockets = 1)
    {
        var vm = await client.Vms.AddAsync(new VmCreate(name)
        {
            Cluster = "Default",
            Template = "Blank",
            Memory = 128L * 1024 * 1024,
            Sockets = sockets,
            Cores = 1,
            Threads = 1,
        });
        return vm.Id;
    }

    public async Task StartAsync(string id)
    {
        await client.Vms.StartAsync(id);
        _started.Add(id);
    }

    /// <summary>Starts the VM and waits until it is up and its guest agent reports its CPUs.</summary>
    public async Task StartAndWaitForGuestAsync(string id, int guestCpus)
    {
        await StartAsync(id);
        await WaitForVmAsync(id, vm => vm.Status == "up" && vm.GuestCpuCount == guestCpus,
            $"status up with {guestCpus} guest CPUs", TimeSpan.FromSeconds(120));
    }

    /// <summary>Changes the sockets (and cores when given); a running VM is hot set unless <paramref name="nextRun"/>.</summary>
    public Task<VmUpdateResult> SetTopologyAsync(string id, int sockets, int? cores = null, string? description = null, bool nextRun = false) =>
        client.Vms.UpdateAsync(id, new VmUpdate { Sockets = sockets, Cores = cores, Description = description }, nextRun);

    public async Task<Vm> WaitForVmAsync(string id, Func<Vm, bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        Vm vm;
        do
        {
            vm = await GetVmAsync(id);
            if (condition(vm))
            {
                return vm;
            }

            await Task.Delay(250);
        }
        while (DateTimeOffset.UtcNow < deadline);

        throw new TimeoutException($"VM {id} did not reach {what} within {timeout.TotalSeconds} s; last seen: {vm}");
    }

    /// <summary>Waits until stored sockets, QEMU's vCPUs and the guest's online CPUs all equal <paramref name="count"/>.</summary>
    public Task<Vm> WaitUntilCountsAgreeAsync(string id, int count, TimeSpan timeout) =>
        WaitForVmAsync(id, vm => vm.Status == "up" && vm.Topology.Sockets == count && vm.VcpuCount == count && vm.GuestCpuCount == count,
            $"stored = hypervisor = guest = {count}", timeout);

    public async Task WaitForHostUpAsync(string name, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        IReadOnlyList<Host> hosts;
        do
        {
            hosts = await client.Hosts.ListAsync();
            if (hosts.Any(h => h.Name == name && h.Status == "up"))
            {
                return;
            }

            await Task.Delay(250);
        }
        while (DateTimeOffset.UtcNow < deadline);

        throw new TimeoutException($"Host {name} was not up within {timeout.TotalSeconds} s: {string.Join(", ", hosts)}");
    }

    /// <summary>The events of VM <paramref name="id"/>, newest first.</summary>
    public async Task<IReadOnlyList<Event>> EventsOfAsync(string id) =>
        [.. (await client.Events.ListAsync(new EventQuery(Max: 500))).Where(e => e.VmId == id)];

    /// <summary>The (code, description) pairs of VM <paramref name="id"/>'s events, newest first.</summary>
    public async Task<IReadOnlyList<(int Code, string Description)>> EventTextsOfAsync(string id) =>
        [.. (await EventsOfAsync(id)).Select(e => (e.Code, e.Description))];

    /// <summary>Stops every VM a test started (QEMU hygiene); failures are ignored, the stack kills leftovers.</summary>
    public async Task StopAllStartedAsync()
    {
        foreach (var id in _started.Distinct())
        {
            try
            {
                await client.Vms.StopAsync(id);
            }
            catch (Exception e) when (e is HttpRequestException or HotsetApiException or TaskCanceledException)
            {
                // The stack's process sweep follows.
            }
        }
    }
}
