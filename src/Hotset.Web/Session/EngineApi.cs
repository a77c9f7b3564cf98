using System.Net;
using Hotset.Client;
using Microsoft.AspNetCore.Components;

namespace Hotset.Web.Session;

/// <summary>
/// The one door from the UI to the engine: every call goes through <see cref="CallAsync{T}"/>, which uses the
/// session's token, reports whether the engine answered, and turns a 401 into the login page with a message.
/// API faults other than 401 reach the caller as <see cref="HotsetApiException"/>, to be shown next to the field.
/// </summary>
public sealed class EngineApi(HotsetClient client, SessionState session, EngineConnection connection, NavigationManager navigation)
{
    public const string SessionEndedMessage = "Your session has ended: the engine no longer accepts its token. Log in again.";

    public HotsetClient Client => client;

    /// <summary>Logs in with the SSO password grant; null on success, else the sentence to show.</summary>
    public async Task<string?> LoginAsync(string user, string password, CancellationToken ct = default)
    {
        try
        {
            var token = await client.LoginAsync(user, password, ct);
            client.UseToken(token);
            connection.Answered();
            await session.StartAsync(user, token);
            return null;
        }
        catch (HotsetApiException e)
        {
            return e.DetailText.Length > 0 ? e.DetailText : e.Message;
        }
        catch (HttpRequestException)
        {
            return "The engine does not answer. Check that it is running and try again.";
        }
    }

    /// <summary>Revokes the token (when the engine answers) and ends the session.</summary>
    public async Task LogoutAsync()
    {
        if (session.Token is { } token)
        {
            client.UseToken(token);
            try
            {
                await client.LogoutAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or HotsetApiException)
            {
                // The token dies with the session on this side either way; the engine expires it later.
            }
        }

        await session.EndAsync("You have logged out.");
    }

    /// <summary>Runs <paramref name="call"/>; null when the engine could not be reached or the session ended.</summary>
    public async Task<T?> CallAsync<T>(Func<HotsetClient, CancellationToken, Task<T>> call, CancellationToken ct = default)
        where T : class
    {
        if (session.Token is not { } token)
        {
            navigation.NavigateTo("login");
            return null;
        }

        client.UseToken(token);
        try
        {
            var result = await call(client, ct);
            connection.Answered();
            return result;
        }
        catch (HotsetApiException e) when (e.Status == HttpStatusCode.Unauthorized)
        {
            connection.Answered();
            await session.EndAsync(SessionEndedMessage);
            navigation.NavigateTo("login");
            return null;
        }
        catch (HotsetApiException)
        {
            connection.Answered();
            throw;
        }
        catch (HttpRequestException)
        {
            connection.Lost();
            return null;
        }
    }

    /// <summary><see cref="CallAsync{T}"/> for calls without an answer to keep; false when nothing was done.</summary>
    public async Task<bool> DoAsync(Func<HotsetClient, CancellationToken, Task> call, CancellationToken ct = default) =>
        await CallAsync(async (c, token) =>
        {
            await call(c, token);
            return "";
        }, ct) is not null;
}
