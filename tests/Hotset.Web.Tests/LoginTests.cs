using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotset.Web.Tests;

[Collection(WebProductGroup.Name)]
public sealed class LoginTests(WebProduct product)
{
    [Fact]
    public async Task Login_WrongPassword_ShowsTheEnginesMessage()
    {
        var page = await product.OpenAsync();
        await page.GetByLabel("User name").FillAsync(WebProduct.User);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(
            "Cannot authenticate user 'admin@internal': The username or password is incorrect.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to Hotset" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = product.ScreenshotPath("login") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LoginThenLogout_ReturnsToLoginAndForgetsTheToken()
    {
        var page = await product.LoginAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to Hotset" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("You have logged out.");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('hotset.token')"));
        await page.GotoAsync("/vms");
        // A reload starts the WebAssembly runtime again: seconds on a loaded machine, as the first load.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to Hotset" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RevokedToken_BringsTheLoginBackWithAMessage()
    {
        var page = await product.LoginAsync();
        var token = await page.EvaluateAsync<string>("sessionStorage.getItem('hotset.token')");
        using var http = new HttpClient();
        using var revoke = await http.PostAsync(new Uri(product.EngineUrl + "ovirt-engine/sso/oauth/revoke"),
            new FormUrlEncodedContent([new("token", token)]));
        revoke.EnsureSuccessStatusCode();

        // The VM list polls every second: its next call gets 401.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to Hotset" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Your session has ended")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
