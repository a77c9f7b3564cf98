using Microsoft.AspNetCore.Components.WebAssembly.Http;

namespace Hotset.Web.Session;

/// <summary>
/// Sends the UI's requests without the browser's own credentials. The engine answers 401 with
/// <c>WWW-Authenticate: Basic</c> (oVirt does too); with credentials omitted the browser hands that 401 to the UI,
/// which shows its login page, instead of popping up its own password dialog.
/// </summary>
public sealed class OmitBrowserCredentials() : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.SetBrowserRequestCredentials(BrowserRequestCredentials.Omit);
        return base.SendAsync(request, cancellationToken);
    }
}
