using Hotset.Agent.Hooks;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Operability;
using Hotset.Agent.Rpc;

// A socket's completions run on the thread that polled them, not on a thread-pool thread woken for each one: an
// idle agent otherwise pays one more thread wake-up per HTTP request and per QMP reply (docs/benchmarks.md). The
// runtime reads this once, when the first socket is used, so it is set before anything else.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
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
app.Run();
