using Hotset.Engine.Api;
using Hotset.Engine.Auth;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts.Commands;
using Hotset.Engine.Monitoring;
using Hotset.Engine.Operability;
using Hotset.Engine.Persistence;
using Hotset.Engine.Vms.Commands;
using Hotset.Engine.WebUi;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddHotsetEnvironment();
builder.AddOperability();
builder.Services.AddPersistence();
builder.Services.AddEngineAuth();
builder.Services.AddApi();
builder.Services.AddVmCommands();
builder.Services.AddHostCommands();
builder.Services.AddClusterCommands();
builder.Services.AddHostMonitoring();
builder.Services.AddWebUi();

var app = builder.Build();
app.UseAccessLog();
app.UseWebUi();
app.UseApi();
app.MapOperability();
app.Run();
