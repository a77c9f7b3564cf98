using Hotset.Client;
using Microsoft.JSInterop;

namespace Hotset.Web.Session;

/// <summary>
/// Who is logged in and with which SSO token. The token lives in the tab's <c>sessionStorage</c>, so a reload keeps
/// the session and closing the tab ends it; the password is never kept.
/// </summary>
public sealed class SessionState(IJSRuntime js)
{
    private const string TokenKey = "hotset.token";
    private const string UserKey = "hotset.user";

    public string? User { get; private set; }

    public SsoToken? Token { get; private set; }

    public bool IsLoggedIn => Token is not null;

    /// <summary>Why the last session ended (shown on the login page), e.g. an expired token.</summary>
    public string? EndReason { get; private set; }

    public event Action? Changed;

    public async Task RestoreAsync()
    {
        var token = await js.InvokeAsync<string?>("sessionStorage.getItem", TokenKey);
        var user = await js.InvokeAsync<string?>("sessionStorage.getItem", UserKey);
        if (!string.IsNullOrEmpty(token))
        {
            (Token, User) = (new SsoToken(token, null), user);
        }
    }

    public async Task StartAsync(string user, SsoToken token)
    {
        (Token, User, EndReason) = (token, user, null);
        await js.InvokeVoidAsync("sessionStorage.setItem", TokenKey, token.AccessToken);
        await js.InvokeVoidAsync("sessionStorage.setItem", UserKey, user);
        Changed?.Invoke();
    }

    public async Task EndAsync(string? reason)
    {
        (Token, User, EndReason) = (null, null, reason);
        await js.InvokeVoidAsync("sessionStorage.removeItem", TokenKey);
        await js.InvokeVoidAsync("sessionStorage.removeItem", UserKey);
        Changed?.Invoke();
    }
}
