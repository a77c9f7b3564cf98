using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Monitoring;
using Hotset.Engine.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Tests.Monitoring;

/// <summary>`make run` registers its local agent as host `local` in cluster `Default`.</summary>
public sealed class LocalHostRegistrationTests : IDisposable
{
    private readonly string _secretFile = Path.GetTempFileName();
    private readonly InMemoryHostStore _hosts = new();
    private readonly InMemoryClusterStore _clusters = new();
    private readonly LocalHostOptions _options;
    private readonly LocalHostRegistration _registration;

    public LocalHostRegistrationTests()
    {
        _options = new LocalHostOptions { Address = "http://127.0.0.1:54321/", SecretFile = _secretFile };
        var services = new ServiceCollection()
            .AddSingleton<IHostStore>(_hosts)
            .AddSingleton<IClusterStore>(_clusters)
            .BuildServiceProvider();
        _registration = new LocalHostRegistration(services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(_options), TimeProvider.System, NullLogger<LocalHostRegistration>.Instance);
    }

    public void Dispose() => File.Delete(_secretFile);

    [Fact]
    public async Task TryRegisterAsync_ClusterAndSecretThere_AddsHostLocal()
    {
        await _clusters.AddAsync(new Cluster { Id = Cluster.DefaultId, Name = "Default" }, default);
        await File.WriteAllTextAsync(_secretFile, "abc123\n");

        Assert.True(await _registration.TryRegisterAsync(_options, default));
        Assert.True(await _registration.TryRegisterAsync(_options, default));

        var host = Assert.Single(await _hosts.ListAsync(default));
        Assert.Equal(("local", "http://127.0.0.1:54321", "abc123", Cluster.DefaultId),
            (host.Name, host.Address, host.Secret, host.ClusterId));
    }

    [Fact]
    public async Task TryRegisterAsync_SecretChanged_UpdatesTheHost()
    {
        await _clusters.AddAsync(new Cluster { Id = Cluster.DefaultId, Name = "Default" }, default);
        await File.WriteAllTextAsync(_secretFile, "old");
        await _registration.TryRegisterAsync(_options, default);
        await File.WriteAllTextAsync(_secretFile, "new");

        await _registration.TryRegisterAsync(_options, default);

        Assert.Equal("new", Assert.Single(await _hosts.ListAsync(default)).Secret);
    }

    [Fact]
    public async Task TryRegisterAsync_NoSecretYet_WaitsWithoutRegistering()
    {
        await _clusters.AddAsync(new Cluster { Id = Cluster.DefaultId, Name = "Default" }, default);
        File.Delete(_secretFile);

        Assert.False(await _registration.TryRegisterAsync(_options, default));
        Assert.Empty(await _hosts.ListAsync(default));
    }
}
