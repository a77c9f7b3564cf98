using Hotset.Engine.Api;
using Hotset.Engine.Auth;
using Hotset.Engine.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddHotsetEnvironment();
builder.Services.AddPersistence();
builder.Services.AddEngineAuth();
builder.Services.AddApi();
// TODO: builder.Services.AddVmCommands(); builder.Services.AddHostMonitoring(); once they are committed.

var app = builder.Build();
app.UseApi();
app.Run();
