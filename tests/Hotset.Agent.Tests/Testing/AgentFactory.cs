using System.Net.Http.Headers;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Agent.Tests.Fakes;
using Hotset.Agent.Vms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Tests.Testing;

/// <summary>
/// The agent in process, on a state and hooks directory of the test's choosing. The hypervisor is
/// <see cref="FakeHypervisor"/> unless <paramref name="hypervisor"/> is null (then the agent's own registration, i.e.
/// real QEMU). Two factories on one state directory and one hypervisor model an agent restart.
/// </summary>
internal sealed class AgentFactory(
    string stateDirectory,
    string hooksDirectory,
    IHypervisor? hypervisor,
    string secret = AgentFactory.Secret,
    TimeSpan? hookTimeout = null,
    IReadOnlyDictionary<string, string?>? settings = null,
    TimeProvider? time = null) : WebApplicationFactory<AgentOptions>
{
    public const string Secret = "test-secret-0123456789";

    public FakeThreadAffinity Affinity { get; } = new();

    public FakeLogSink Logs { get; } = new();

    /// <summary>A client that sends the host secret, with <see cref="AgentRpc"/> helpers.</summary>
    public AgentRpc Rpc() => new(CreateAuthenticatedClient(secret));

    public HttpClient CreateAuthenticatedClient(string bearer)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public RunningVm Vm(string vmId) => Service<VmRegistry>().Get(vmId);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var values = new Dictionary<string, string?>
            {
                ["Agent:StateDirectory"] = stateDirectory,
                ["Agent:Secret"] = secret,
                ["Hooks:Directory"] = hooksDirectory,
                ["Hooks:Timeout"] = (hookTimeout ?? TimeSpan.FromSeconds(10)).ToString("c"),
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }

            config.AddInMemoryCollection(values);
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            if (hypervisor is not null)
            {
                // With a fake hypervisor the agent needs no QEMU on the machine: skip the QEMU version check.
                services.RemoveAll<IValidateOptions<QemuOptions>>();
                services.AddSingleton(hypervisor);
                services.AddSingleton<IThreadAffinity>(Affinity);
            }

            if (time is not null)
            {
                services.AddSingleton(time);
            }
        });
    }
}
