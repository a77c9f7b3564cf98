using Hotset.Agent.Hooks;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Operability;
using Hotset.Agent.Rpc;

namespace Hotset.Agent;

/// <summary>
/// Builds the agent's web application from command-line style settings (<c>--Agent:Urls=…</c>). The agent's own
/// <c>Program</c> runs one; the simulated fleet of the scale benchmark runs many in one process, each on its own
/// port with its own secret and state directory, as separate hosts would.
/// </summary>
public static class AgentApplication
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseAgentUrls();
        builder.AddOperability();
        // Calls are few and fully asynchronous, and a hot set's reply is written while the guest onlines the new vCPU and
        // keeps the cores busy: running each call on its socket's I/O thread saves the hop to the thread pool and its wait.
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
        builder.Services.AddAgentRpc();
        builder.Services.AddHooks();
        builder.Services.AddHypervisor(builder.Configuration);

        var app = builder.Build();
        app.UseAccessLog();
        app.MapAgentRpc();
        app.MapOperability();
        return app;
    }
}
