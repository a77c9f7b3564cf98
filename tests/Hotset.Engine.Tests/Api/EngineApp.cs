using System.Net.Http.Headers;
using System.Text;
using Hotset.Engine.Api;
using Hotset.Engine.Audit;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Hotset.Engine.Tests.Api;

/// <summary>
/// The engine in process over a temporary SQLite file, with <c>admin@internal</c>'s password <see cref="Password"/>
/// and a <see cref="FakeTimeProvider"/>. <paramref name="fakeHost"/> puts the engine's real commands in front of
/// <see cref="FakeHostAgents"/> (see <see cref="AddUpHostAsync"/>); <paramref name="dataDirectory"/> reuses a
/// database (a restart).
/// </summary>
public sealed class EngineApp(bool fakeHost = false, string? dataDirectory = null) : WebApplicationFactory<NodeResult>
{
    public const string Password = "test-password";

    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("hotset-api-").FullName;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    /// <summary>The host agents the engine talks to when made with <c>fakeHost</c>.</summary>
    public FakeHostAgents Agents { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Engine:DataDirectory", DataDirectory);
        builder.UseSetting("ConnectionStrings:Engine", "");
        builder.UseSetting("Engine:AdminPassword", Password);
        builder.UseSetting("Engine:LocalHost:Address", "");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (fakeHost)
            {
                services.RemoveAll<IHostAgents>();
                services.AddSingleton<IHostAgents>(Agents);
            }
        });
    }

    /// <summary>Marks a stored VM as running (status and host), as a start would.</summary>
    public async Task<Vm> SetRunningAsync(string id)
    {
        var store = Services.GetRequiredService<IVmStore>();
        var vm = await VmAsync(id);
        return await store.UpdateAsync(vm with { Status = Core.Vms.VmStatus.Up, RunOnHostId = Guid.NewGuid(), StartedMaxVCpus = 16 },
            CancellationToken.None);
    }

    /// <summary>
    /// An Up host of 8 cores in cluster Default whose agent is the fake <see cref="Agents"/> serves (the engine must
    /// be made with <c>fakeHost</c>), so VMs start on it and their CPUs are hot set by the engine's real commands.
    /// </summary>
    public async Task<FakeAgentClient> AddUpHostAsync(string name = "host1")
    {
        var host = new Host
        {
            Id = Guid.NewGuid(),
            Name = name,
            ClusterId = Cluster.DefaultId,
            Address = FakeAgentClient.Address,
            Secret = "s3cret",
            Status = HostStatus.Up,
        };
        var agent = Agents[host.Id];
        await Services.GetRequiredService<IHostStore>().AddAsync(host with { Capabilities = agent.Capabilities }, CancellationToken.None);
        return agent;
    }

    /// <summary>The VM as stored.</summary>
    public async Task<Vm> VmAsync(string id) =>
        await Services.GetRequiredService<IVmStore>().GetAsync(Guid.Parse(id), CancellationToken.None)
        ?? throw new InvalidOperationException($"No VM {id}.");

    /// <summary>The audit log, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> EventsAsync() =>
        [.. (await Services.GetRequiredService<IAuditLog>().ListAsync(null, null, null, CancellationToken.None)).Reverse()];

    /// <summary>A client that sends Basic credentials of admin@internal.</summary>
    public HttpClient Admin(string? accept = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("admin@internal:" + Password)));
        if (accept is not null)
        {
            client.DefaultRequestHeaders.Accept.ParseAdd(accept);
        }

        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && dataDirectory is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
