using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hotset.Client;

/// <summary>
/// Sends requests to the engine in JSON with the current credentials, turns faults into
/// <see cref="HotsetApiException"/>, retries GETs after transport errors, and logs in again once when a token
/// obtained with a password is refused (expired or revoked).
/// </summary>
internal sealed class ApiTransport(HttpClient http, Uri engineRoot, HotsetClientOptions options)
{
    private AuthenticationHeaderValue? _authorization;
    private (string User, string Password)? _passwordLogin;

    public Uri EngineRoot { get; } = engineRoot;

    public SsoToken? Token { get; private set; }

    public void UseBasic(string user, string password)
    {
        _authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        (Token, _passwordLogin) = (null, null);
    }

    public void UseToken(SsoToken token)
    {
        _authorization = new("Bearer", token.AccessToken);
        (Token, _passwordLogin) = (token, null);
    }

    public async Task<SsoToken> LoginAsync(string user, string password, CancellationToken ct)
    {
        var token = await RequestTokenAsync(user, password, ct);
        UseToken(token);
        _passwordLogin = (user, password);
        return token;
    }

    public async Task RevokeAsync(CancellationToken ct)
    {
        if (Token is { } token)
        {
            using var content = new FormUrlEncodedContent([new("token", token.AccessToken)]);
            using var response = await http.PostAsync(new Uri(EngineRoot, "ovirt-engine/sso/oauth/revoke"), content, ct);
            await ThrowIfFaultAsync(response, ct);
        }

        (_authorization, Token, _passwordLogin) = (null, null, null);
    }

    public async Task<JsonElement> GetAsync(string path, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Get, path, null, ct)).Body;

    /// <summary>Sends one request under <c>/ovirt-engine/api/</c>; returns the JSON body and the response headers.</summary>
    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        var uri = new Uri(EngineRoot, path.Length == 0 ? "ovirt-engine/api" : "ovirt-engine/api/" + path);
        var retries = method == HttpMethod.Get ? Math.Max(0, options.GetRetries) : 0;
        var relogged = false;
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await SendOnceAsync(method, uri, body, ct);
            }
            catch (Exception e) when (attempt < retries && IsTransportError(e, ct))
            {
                await Task.Delay(options.RetryDelay * (1 << attempt), options.Time, ct);
                continue;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && !relogged && _passwordLogin is { } login)
                {
                    relogged = true;
                    UseTokenKeepingLogin(await RequestTokenAsync(login.User, login.Password, ct));
                    attempt--;
                    continue;
                }

                await ThrowIfFaultAsync(response, ct);
                return new ApiAnswer(JsonValues.Parse(await response.Content.ReadAsByteArrayAsync(ct)), response.Headers);
            }
        }
    }

    private void UseTokenKeepingLogin(SsoToken token)
    {
        var login = _passwordLogin;
        UseToken(token);
        _passwordLogin = login;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri uri, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("Version", "4");
        request.Headers.Authorization = _authorization;
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request, ct);
    }

    private async Task<SsoToken> RequestTokenAsync(string user, string password, CancellationToken ct)
    {
        using var content = new FormUrlEncodedContent(
        [
            new("grant_type", "password"),
            new("scope", "ovirt-app-api"),
            new("username", user),
            new("password", password),
        ]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(EngineRoot, "ovirt-engine/sso/oauth/token")) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, ct);
        await ThrowIfFaultAsync(response, ct);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        var expires = json.Long("exp") is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        var accessToken = json.Text("access_token");
        return string.IsNullOrEmpty(accessToken)
            ? throw new HotsetApiException(response.StatusCode, "invalid_response", "The engine's token answer has no access_token.")
            : new SsoToken(accessToken, expires, json.Text("scope") ?? "ovirt-app-api");
    }

    private static bool IsTransportError(Exception e, CancellationToken ct) =>
        e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested);

    internal static async Task ThrowIfFaultAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        throw FaultParser.Parse(response.StatusCode, response.ReasonPhrase, text);
    }
}

/// <summary>A successful answer: its JSON body (<c>default</c> when empty) and headers.</summary>
internal readonly record struct ApiAnswer(JsonElement Body, HttpResponseHeaders Headers);
