using Hotset.Engine.Tests.Api;
using Hotset.Engine.Tests.Fakes;

namespace Hotset.Client.Tests;

/// <summary>
/// The real engine in process (SQLite, admin password <see cref="EngineApp.Password"/>) behind a
/// <see cref="HotsetClient"/>; <see cref="Handler"/> sits between them so tests can break the transport.
/// </summary>
public sealed class ClientTestBed : IDisposable
{
    public const string Admin = "admin@internal";

    public ClientTestBed(bool fakeHost = true, HotsetClientOptions? options = null)
    {
        App = new EngineApp(fakeHost);
        Handler = new FlakyHandler(App.Server.CreateHandler());
        Http = new HttpClient(Handler) { BaseAddress = new Uri("http://localhost/") };
        Client = new HotsetClient(Http, options ?? new HotsetClientOptions { RetryDelay = TimeSpan.FromMilliseconds(1) });
    }

    public EngineApp App { get; }
    public FlakyHandler Handler { get; }
    public HttpClient Http { get; }
    public HotsetClient Client { get; }

    /// <summary>A client logged in with Basic credentials of the admin.</summary>
    public HotsetClient BasicClient()
    {
        var client = new HotsetClient(Http);
        client.UseBasic(Admin, EngineApp.Password);
        return client;
    }

    public Task<FakeAgentClient> AddUpHostAsync() => App.AddUpHostAsync();

    public void Dispose()
    {
        Http.Dispose();
        App.Dispose();
    }
}

/// <summary>Passes requests on, failing the next <see cref="FailNext"/> ones as an unreachable engine would; counts them.</summary>
public sealed class FlakyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _failNext;

    public int FailNext { get => _failNext; set => _failNext = value; }

    public List<string> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add($"{request.Method} {request.RequestUri?.PathAndQuery}");
        }

        return Interlocked.Decrement(ref _failNext) >= 0
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused (test)"))
            : base.SendAsync(request, cancellationToken);
    }
}
