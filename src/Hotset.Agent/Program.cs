using Hotset.Agent.Hooks;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Rpc;

var builder = WebApplication.CreateBuilder(args);
builder.UseAgentUrls();
// Calls are few and fully asynchronous, and a hot set's reply is written while the guest onlines the new vCPU and
// keeps the cores busy: running each call on its socket's I/O thread saves the hop to the thread pool and its wait.
builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
builder.Services.AddAgentRpc();
builder.Services.AddHooks();
builder.Services.AddQemuHypervisor(builder.Configuration);

var app = builder.Build();
app.MapAgentRpc();
app.Run();
