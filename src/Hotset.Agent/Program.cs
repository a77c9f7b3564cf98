using Hotset.Agent.Hooks;
using Hotset.Agent.Rpc;

var builder = WebApplication.CreateBuilder(args);
builder.UseAgentUrls();
builder.Services.AddAgentRpc();
builder.Services.AddHooks();
// TODO: builder.Services.AddQemuHypervisor(builder.Configuration); — the QEMU driver registers IHypervisor here.

var app = builder.Build();
app.MapAgentRpc();
app.Run();
