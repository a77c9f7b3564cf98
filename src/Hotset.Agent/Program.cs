using Hotset.Agent.Hooks;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Rpc;

var builder = WebApplication.CreateBuilder(args);
builder.UseAgentUrls();
builder.Services.AddAgentRpc();
builder.Services.AddHooks();
builder.Services.AddQemuHypervisor(builder.Configuration);

var app = builder.Build();
app.MapAgentRpc();
app.Run();
