using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotset.Web.Tests;

/// <summary>The engine configuration page: an admin changes a key, sees it stored, and resets it.</summary>
[Collection(WebProductGroup.Name)]
public sealed class ConfigurationTests(WebProduct product)
{
    [Fact]
    public async Task ConfigurationPage_ChangeAKey_EngineStoresItAndResetRestoresTheDefault()
    {
        // A compatibility version the Default cluster does not use, so no other test's VMs feel the change.
        var cluster = (await product.Client.Clusters.ListAsync()).Single(c => c.Name == "Default");
        var entry = (await product.Client.Config.ListAsync("MaxNumOfVmSockets")).First(e => e.Version != cluster.Version && e.IsDefault);
        var label = $"{entry.Key} {entry.Version}";
        var lowered = (int.Parse(entry.Value, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = await product.LoginAsync();
        try
        {
            await VmPages.GoToAsync(page, "Configuration", "Engine configuration");
            await page.GetByLabel("Filter by key").FillAsync("MaxNumOfVmSockets");

            await page.GetByRole(AriaRole.Button, new() { Name = "Change " + label, Exact = true }).ClickAsync();
            await page.GetByLabel("Value of " + label, new() { Exact = true }).FillAsync("not-a-number");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("MaxNumOfVmSockets takes a whole number, not 'not-a-number'.");
            Assert.Equal(entry.Value, await StoredAsync(entry.Version));

            await page.GetByLabel("Value of " + label, new() { Exact = true }).FillAsync(lowered);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "MaxNumOfVmSockets" }))
                .ToHaveTextAsync($"MaxNumOfVmSockets for {entry.Version} is now {lowered}.");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Change " + label, Exact = true }) });
            await Expect(row).ToContainTextAsync($"{lowered} (changed)");
            Assert.Equal(lowered, await StoredAsync(entry.Version));
            await page.ScreenshotAsync(new() { Path = product.ScreenshotPath("configuration") });

            await page.GetByRole(AriaRole.Button, new() { Name = "Reset " + label, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "MaxNumOfVmSockets" }))
                .ToHaveTextAsync($"MaxNumOfVmSockets for {entry.Version} is back to its default, {entry.Value}.");
            Assert.Equal(entry.Value, await StoredAsync(entry.Version));
        }
        finally
        {
            await product.Client.Config.ResetAsync(entry.Key, entry.Version);
            await page.Context.CloseAsync();
        }
    }

    private async Task<string> StoredAsync(string version) =>
        (await product.Client.Config.ListAsync("MaxNumOfVmSockets")).Single(e => e.Version == version).Value;
}
