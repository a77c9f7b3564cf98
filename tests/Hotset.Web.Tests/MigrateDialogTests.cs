using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotset.Web.Tests;

/// <summary>
/// The Migrate action of a running VM's page, against the one-host product: the host the VM runs on is not offered
/// as a destination, and the engine's refusal (no other host is Up) appears in the dialog while the VM stays put.
/// </summary>
[Collection(WebProductGroup.Name)]
public sealed class MigrateDialogTests(WebProduct product)
{
    [Fact]
    public async Task MigrateDialog_OnlyHostIsTheVmsOwn_OffersNoHostAndShowsTheEnginesRefusal()
    {
        const string name = "web-migrate";
        var vm = await product.StartedVmAsync(name, "other_linux", sockets: 1);
        var before = await product.Client.Vms.GetAsync(vm.Id);
        var page = await product.LoginAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Migrate " + name, Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Migrate VM " + name });
        await Expect(dialog.GetByLabel("Destination host").Locator("option"))
            .ToHaveTextAsync(["Let the engine choose (most free vCPUs)"]);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Migrate", Exact = true }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync(
            $"Cannot migrate VM. No other host of cluster Default is Up, so VM '{name}' has nowhere to go.");
        var after = await product.Client.Vms.GetAsync(vm.Id);
        Assert.Equal(("up", before.HostId), (after.Status, after.HostId));
        await page.Context.CloseAsync();
    }
}
