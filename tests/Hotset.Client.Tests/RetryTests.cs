namespace Hotset.Client.Tests;

public sealed class RetryTests : IDisposable
{
    private readonly ClientTestBed _bed = new();
    private readonly HotsetClient _client;

    public RetryTests() => _client = _bed.BasicClient();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task Get_TransportFailsTwice_RetriedAndSucceeds()
    {
        var client = new HotsetClient(_bed.Http, new HotsetClientOptions { GetRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(1) });
        client.UseBasic(ClientTestBed.Admin, Engine.Tests.Api.EngineApp.Password);
        _bed.Handler.FailNext = 2;

        Assert.NotEmpty(await client.Clusters.ListAsync());
        Assert.Equal(3, _bed.Handler.Requests.Count(r => r.EndsWith("/clusters", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Get_TransportFailsBeyondRetries_Throws()
    {
        var client = new HotsetClient(_bed.Http, new HotsetClientOptions { GetRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(1) });
        client.UseBasic(ClientTestBed.Admin, Engine.Tests.Api.EngineApp.Password);
        _bed.Handler.FailNext = 2;

        await Assert.ThrowsAsync<HttpRequestException>(() => client.Clusters.ListAsync());
        Assert.Equal(2, _bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task Post_TransportFails_NotRetried()
    {
        _bed.Handler.FailNext = 1;

        await Assert.ThrowsAsync<HttpRequestException>(() => _client.Vms.AddAsync(new VmCreate("once")));

        Assert.Single(_bed.Handler.Requests);
        Assert.Empty(await _client.Vms.ListAsync());
    }

    [Fact]
    public async Task Get_FaultAnswer_NotRetried()
    {
        await Assert.ThrowsAsync<HotsetApiException>(() => _client.Vms.GetAsync(Guid.NewGuid().ToString()));

        Assert.Single(_bed.Handler.Requests);
    }
}
