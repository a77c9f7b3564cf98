using Hotset.Engine.Api;
using Hotset.Engine.Auth;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts.Commands;
using Hotset.Engine.Monitoring;
using Hotset.Engine.Persistence;
using Hotset.Engine.Vms.Commands;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddHotsetEnvironment();
builder.Services.AddPersistence();
builder.Services.AddEngineAuth();
builder.Services.AddApi();
builder.Services.AddVmCommands();
builder.Services.AddHostCommands();
builder.Services.AddClusterCommands();
builder.Services.AddHostMonitoring();

var app = builder.Build();
app.UseApi();
app.Run();
