using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotset.Web.Tests;

/// <summary>Running VMs whose sockets change does not go live: "apply at next start", and an OS that cannot unplug.</summary>
[Collection(WebProductGroup.Name)]
public sealed class NextRunTests(WebProduct product)
{
    [Fact]
    public async Task EditDialog_ApplyAtNextStart_StoresThePendingConfigurationAndShowsIt()
    {
        const string name = "web-nextrun";
        var vm = await product.StartedVmAsync(name, "other_linux", sockets: 1);
        var page = await product.LoginAsync();

        var dialog = await VmPages.OpenEditAsync(page, name);
        await dialog.GetByLabel("Apply at next start").CheckAsync();
        await VmPages.ChooseSocketsAsync(dialog, 2);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("Stored for the next start");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(VmPages.Cell(page, name, "status")).ToHaveTextAsync("Up · pending next run");
        await Expect(VmPages.Cell(page, name, "configured")).ToHaveTextAsync("1");

        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "CPU" }).ClickAsync();
        await Expect(page.Locator("[data-col='next-run']")).ToHaveTextAsync("2 vCPUs (2 × 1 × 1), applied at the next start");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "vCPUs" }).GetByRole(AriaRole.Row)).Not.ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = product.ScreenshotPath("vm-cpu-tab") });

        Assert.Equal(2, (await product.Client.Vms.GetAsync(vm.Id, nextRun: true)).Topology.Sockets);
        Assert.Equal(1, (await product.Client.Vms.GetAsync(vm.Id)).Topology.Sockets);

        // Power off asks first, with the safe answer focused; confirmed, the VM goes Down.
        await page.GetByRole(AriaRole.Button, new() { Name = "Power off " + name }).ClickAsync();
        var question = page.GetByRole(AriaRole.Alertdialog, new() { Name = $"Power off VM {name}?" });
        await Expect(question.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Power off" }).ClickAsync();
        await Expect(page.Locator("[data-col='status']")).ToHaveTextAsync("Down", VmPages.Boot);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EditDialog_OsWithoutUnplug_DisablesLowerValuesWithTheReason()
    {
        const string name = "web-nounplug";
        await product.StartedVmAsync(name, "other", sockets: 2);
        var page = await product.LoginAsync();

        var dialog = await VmPages.OpenEditAsync(page, name);
        var one = dialog.GetByLabel("Sockets").Locator("option[value='1']");
        await Expect(one).ToBeDisabledAsync();
        await Expect(one).ToContainTextAsync("Hot un-plugging a CPU is not supported");
        await Expect(dialog.GetByLabel("Sockets").Locator("option[value='2']")).ToBeEnabledAsync();
        await Expect(dialog.GetByLabel("Sockets")).ToHaveValueAsync("2");
        await page.Context.CloseAsync();
    }
}
