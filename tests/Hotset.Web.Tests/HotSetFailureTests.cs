using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotset.Web.Tests;

/// <summary>A hot set the host refuses: the edit dialog says why, in the words of event 2034, and nothing changes.</summary>
[Collection(WebProductGroup.Name)]
public sealed class HotSetFailureTests(WebProduct product)
{
    [Fact]
    public async Task EditDialog_BeforeHookFails_ShowsTheFailureTextOfEvent2034()
    {
        const string name = "web-hookfail";
        product.AddHook("before_set_num_of_cpus", "50_refuse_web_hookfail",
            "case \"$vmName\" in web-hookfail*) echo 'guest agent not ready (web hook)' >&2; exit 1;; esac; exit 0");
        var vm = await product.StartedVmAsync(name, "other_linux", sockets: 1);
        var page = await product.LoginAsync();

        var dialog = await VmPages.OpenEditAsync(page, name);
        await VmPages.ChooseSocketsAsync(dialog, 2);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var outcome = dialog.GetByRole(AriaRole.Status);
        await Expect(outcome).ToContainTextAsync(
            $"The CPU change was not applied: Failed to hot set number of CPUS to VM {name}. Underlying error message: ", new() { Timeout = 60_000 });
        await Expect(outcome).ToContainTextAsync("guest agent not ready (web hook)");
        var failure = Assert.Single(await product.Client.Events.ListAsync(new Hotset.Client.EventQuery(Search: $"code=2034 and vm.id={vm.Id}")));
        await Expect(outcome).ToHaveTextAsync("The CPU change was not applied: " + failure.Description);
        await page.ScreenshotAsync(new() { Path = product.ScreenshotPath("edit-dialog-failure") });

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(VmPages.Cell(page, name, "configured")).ToHaveTextAsync("1");
        var stored = await product.Client.Vms.GetAsync(vm.Id);
        Assert.Equal(1, stored.Topology.Sockets);
        Assert.True(stored.VcpuCount is null or -1 or 1, $"The hypervisor has {stored.VcpuCount} vCPUs after a refused hot set.");
        await page.Context.CloseAsync();
    }
}
