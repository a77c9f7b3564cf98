namespace Hotset.Client;

/// <summary>
/// A typed client of the engine's REST API (JSON). Give it an <see cref="HttpClient"/> and the engine's address
/// (<c>http://engine:8080</c>; a trailing <c>/ovirt-engine/api</c> is fine), then either <see cref="LoginAsync"/>
/// (SSO token; the client logs in again once when the token is refused), <see cref="UseToken"/> (a stored token) or
/// <see cref="UseBasic"/>. Faults throw <see cref="HotsetApiException"/>; GETs are retried on transport errors.
/// Not thread-safe while credentials change; concurrent calls are fine otherwise.
/// </summary>
public sealed class HotsetClient
{
    private readonly ApiTransport _api;

    /// <summary>Uses <paramref name="http"/>'s <see cref="HttpClient.BaseAddress"/> as the engine's address.</summary>
    public HotsetClient(HttpClient http, HotsetClientOptions? options = null)
        : this(http, http.BaseAddress ?? throw new ArgumentException("The HttpClient has no BaseAddress; pass the engine URL.", nameof(http)), options)
    {
    }

    public HotsetClient(HttpClient http, Uri engineUrl, HotsetClientOptions? options = null)
    {
        _api = new ApiTransport(http, EngineRootOf(engineUrl), options ?? new HotsetClientOptions());
        Vms = new VmsApi(_api);
        Hosts = new HostsApi(_api);
        Clusters = new ClustersApi(_api);
        Events = new EventsApi(_api);
        Config = new ConfigApi(_api);
        OperatingSystems = new OperatingSystemsApi(_api);
    }

    /// <summary>The engine's root address (ends with <c>/</c>; the API is under <c>ovirt-engine/api/</c>).</summary>
    public Uri EngineUrl => _api.EngineRoot;

    /// <summary>The token in use, when logged in with one.</summary>
    public SsoToken? Token => _api.Token;

    public VmsApi Vms { get; }
    public HostsApi Hosts { get; }
    public ClustersApi Clusters { get; }
    public EventsApi Events { get; }
    public ConfigApi Config { get; }
    public OperatingSystemsApi OperatingSystems { get; }

    /// <summary>
    /// SSO password grant (<c>user@domain</c>, e.g. <c>admin@internal</c>); the token is used from now on. A wrong
    /// password throws <see cref="HotsetApiException"/> 401 with reason <c>access_denied</c>.
    /// </summary>
    public Task<SsoToken> LoginAsync(string user, string password, CancellationToken ct = default) =>
        _api.LoginAsync(user, password, ct);

    /// <summary>Revokes the token in use (if any) and forgets the credentials.</summary>
    public Task LogoutAsync(CancellationToken ct = default) => _api.RevokeAsync(ct);

    public void UseToken(SsoToken token) => _api.UseToken(token);

    public void UseBasic(string user, string password) => _api.UseBasic(user, password);

    /// <summary>Checks the credentials: the API root answers (401 throws).</summary>
    public Task PingAsync(CancellationToken ct = default) => _api.GetAsync("", ct);

    private static Uri EngineRootOf(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"'{url}' is not an http(s) engine address such as http://engine:8080.", nameof(url));
        }

        var path = url.AbsolutePath;
        var cut = path.IndexOf("/ovirt-engine", StringComparison.Ordinal);
        path = cut >= 0 ? path[..cut] : path;
        return new UriBuilder(url) { Path = path.TrimEnd('/') + "/", Query = "", Fragment = "" }.Uri;
    }
}
