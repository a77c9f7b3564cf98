var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/ovirt-engine/api", () => "Hotset engine");
app.Run();
