using Hotset.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotset.Web.Tests;

/// <summary>The headline flow in the browser: create and start a VM, raise its sockets while it runs, watch the guest.</summary>
[Collection(WebProductGroup.Name)]
public sealed class HotPlugTests(WebProduct product)
{
    [Fact]
    public async Task EditDialog_RaiseSocketsOneToTwo_GuestConfirmsListFollowsAndEventShows()
    {
        const string name = "web-hotplug";
        var page = await product.LoginAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "New VM" }).ClickAsync();
        var create = page.GetByRole(AriaRole.Dialog, new() { Name = "New VM" });
        await create.GetByLabel("Name").FillAsync(name);
        await create.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(VmPages.Row(page, name)).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Start " + name }).ClickAsync();
        await Expect(VmPages.Cell(page, name, "status")).ToHaveTextAsync("Up", VmPages.Boot);
        await Expect(VmPages.Cell(page, name, "guest")).ToHaveTextAsync("1", VmPages.Boot);
        await page.ScreenshotAsync(new() { Path = product.ScreenshotPath("vm-list") });

        var dialog = await VmPages.OpenEditAsync(page, name);
        await Expect(dialog.GetByLabel("Cores per socket")).ToBeDisabledAsync();
        await VmPages.ChooseSocketsAsync(dialog, 2);
        await Expect(dialog.Locator("#edit-sockets-outcome")).ToContainTextAsync("Applied live: 2 vCPUs are hot plugged");
        await page.ScreenshotAsync(new() { Path = product.ScreenshotPath("edit-dialog") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("Done: the guest confirmed 2 CPUs online.", new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = product.ScreenshotPath("edit-dialog-outcome") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(VmPages.Cell(page, name, "configured")).ToHaveTextAsync("2");
        await Expect(VmPages.Cell(page, name, "hypervisor")).ToHaveTextAsync("2");
        await Expect(VmPages.Cell(page, name, "guest")).ToHaveTextAsync("2");

        await VmPages.GoToAsync(page, "Events", "Events");
        await page.GetByLabel("VM").SelectOptionAsync(new SelectOptionValue { Label = name });
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = $"Hotplug CPU: changed the number of CPUs on VM {name} from 1 to 2" }))
            .ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = product.ScreenshotPath("events") });
        await VmPages.GoToAsync(page, "Hosts", "Hosts");
        await Expect(page.Locator("tr[data-host='local']")).ToContainTextAsync("up");
        await page.ScreenshotAsync(new() { Path = product.ScreenshotPath("hosts") });

        var vm = (await product.Client.Vms.FindAsync(name))!;
        Assert.Equal(2, vm.Topology.Sockets);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EditDialog_InvalidThreads_ShowsTheApisMessageNextToTheFieldAndChangesNothing()
    {
        const string name = "web-invalid";
        var created = await product.Client.Vms.AddAsync(new VmCreate(name) { Memory = 128L << 20 });
        var page = await product.LoginAsync();

        var dialog = await VmPages.OpenEditAsync(page, name);
        await Expect(dialog.GetByLabel("Name")).ToBeFocusedAsync();
        await dialog.GetByLabel("Threads per core").FillAsync("9");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(dialog.Locator("#edit-threads-error")).ToContainTextAsync("Maximum number of threads per cpu exceeded");
        await Expect(dialog.GetByLabel("Threads per core")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("threads per cpu exceeded"));
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        var vm = await product.Client.Vms.GetAsync(created.Id);
        Assert.Equal(new CpuTopology(1, 1, 1), vm.Topology);
        Assert.False(vm.NextRunConfigurationExists);
        await page.Context.CloseAsync();
    }
}
