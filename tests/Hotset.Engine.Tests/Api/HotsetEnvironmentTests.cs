using Hotset.Engine.Api;
using Microsoft.Extensions.Configuration;

namespace Hotset.Engine.Tests.Api;

public sealed class HotsetEnvironmentTests
{
    [Fact]
    public void AddHotsetEnvironment_SetVariables_OverrideTheirKeys()
    {
        var variables = new Dictionary<string, string>
        {
            ["HOTSET_URLS"] = "http://0.0.0.0:9000",
            ["HOTSET_DATA_DIR"] = "/srv/hotset",
            ["HOTSET_DB"] = "Host=db;Database=hotset",
            ["HOTSET_ADMIN_PASSWORD"] = "pw",
        };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Engine:DataDirectory"] = "./data", ["Urls"] = "http://127.0.0.1:8080" })
            .AddHotsetEnvironment(variables.GetValueOrDefault)
            .Build();
        Assert.Equal("http://0.0.0.0:9000", configuration["Urls"]);
        Assert.Equal("/srv/hotset", configuration["Engine:DataDirectory"]);
        Assert.Equal("Host=db;Database=hotset", configuration.GetConnectionString("Engine"));
        Assert.Equal("pw", configuration["Engine:AdminPassword"]);
    }

    [Fact]
    public void AddHotsetEnvironment_NoVariables_KeepsDefaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Engine:DataDirectory"] = "./data" })
            .AddHotsetEnvironment(_ => null)
            .Build();
        Assert.Equal("./data", configuration["Engine:DataDirectory"]);
        Assert.Null(configuration.GetConnectionString("Engine"));
    }
}
