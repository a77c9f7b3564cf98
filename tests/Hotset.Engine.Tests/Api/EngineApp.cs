using System.Net.Http.Headers;
using System.Text;
using Hotset.Engine.Api;
using Hotset.Engine.Vms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Hotset.Engine.Tests.Api;

/// <summary>
/// The engine in process over a temporary SQLite file, with <c>admin@internal</c>'s password <see cref="Password"/>
/// and a <see cref="FakeTimeProvider"/>. <paramref name="fakeCommands"/> swaps the VM commands for
/// <see cref="FakeVmCommands"/>; <paramref name="dataDirectory"/> reuses a database (a restart).
/// </summary>
public sealed class EngineApp(bool fakeCommands = false, string? dataDirectory = null) : WebApplicationFactory<NodeResult>
{
    public const string Password = "test-password";

    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("hotset-api-").FullName;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    public FakeVmCommands Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Engine:DataDirectory", DataDirectory);
        builder.UseSetting("ConnectionStrings:Engine", "");
        builder.UseSetting("Engine:AdminPassword", Password);
        builder.UseSetting("Engine:LocalHost:Address", "");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (fakeCommands)
            {
                services.RemoveAll<IVmCommands>();
                services.AddSingleton<IVmCommands>(sp => Commands.Attach(sp.GetRequiredService<IVmStore>()));
            }
        });
    }

    /// <summary>Marks a stored VM as running on some host, as a start would.</summary>
    public Task<Vm> SetRunningAsync(string id) =>
        Commands.Attach(Services.GetRequiredService<IVmStore>()).SetRunningAsync(Guid.Parse(id), CancellationToken.None);

    /// <summary>A client that sends Basic credentials of admin@internal.</summary>
    public HttpClient Admin(string? accept = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("admin@internal:" + Password)));
        if (accept is not null)
        {
            client.DefaultRequestHeaders.Accept.ParseAdd(accept);
        }

        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && dataDirectory is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
