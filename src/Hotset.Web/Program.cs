using Hotset.Client;
using Hotset.Web;
using Hotset.Web.Session;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

var engine = new Uri(builder.HostEnvironment.BaseAddress);
builder.Services.AddSingleton(_ => new HotsetClient(new HttpClient(new OmitBrowserCredentials()), engine));
builder.Services.AddSingleton<SessionState>();
builder.Services.AddSingleton<EngineConnection>();
builder.Services.AddSingleton<EngineApi>();
builder.Services.AddSingleton<VmListCache>();

var host = builder.Build();
await host.Services.GetRequiredService<SessionState>().RestoreAsync();
await host.RunAsync();
