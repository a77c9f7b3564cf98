using Hotset.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotset.Web.Tests;

/// <summary>Modal dialogs and the keyboard: Tab cycles inside the open dialog, Escape closes it, focus returns to the opener.</summary>
[Collection(WebProductGroup.Name)]
public sealed class DialogFocusTests(WebProduct product)
{
    [Fact]
    public async Task Dialogs_TabCyclesInside_EscapeCloses_FocusReturnsToTheOpener()
    {
        const string name = "web-focus";
        await product.Client.Vms.AddAsync(new VmCreate(name) { Memory = 128L << 20 });
        var page = await product.LoginAsync();

        var edit = page.GetByRole(AriaRole.Button, new() { Name = "Edit " + name, Exact = true });
        var editDialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Edit VM " + name });
        await OpenWithKeyboardAsync(edit);
        await Expect(editDialog.GetByLabel("Sockets")).ToBeEnabledAsync();
        await Expect(editDialog.GetByLabel("Name")).ToBeFocusedAsync();
        await TabAroundAsync(page, editDialog, first: editDialog.GetByLabel("Name"), last: editDialog.GetByRole(AriaRole.Button, new() { Name = "Save" }));
        await page.Keyboard.PressAsync("Escape");
        await Expect(editDialog).ToBeHiddenAsync();
        await Expect(edit).ToBeFocusedAsync();

        var newVm = page.GetByRole(AriaRole.Button, new() { Name = "New VM" });
        var create = page.GetByRole(AriaRole.Dialog, new() { Name = "New VM" });
        await OpenWithKeyboardAsync(newVm);
        await Expect(create.GetByLabel("Name")).ToBeFocusedAsync();
        await TabAroundAsync(page, create, first: create.GetByLabel("Name"), last: create.GetByRole(AriaRole.Button, new() { Name = "Create" }));
        await page.Keyboard.PressAsync("Escape");
        await Expect(create).ToBeHiddenAsync();
        await Expect(newVm).ToBeFocusedAsync();

        var remove = page.GetByRole(AriaRole.Button, new() { Name = "Remove " + name, Exact = true });
        var question = page.GetByRole(AriaRole.Alertdialog, new() { Name = $"Remove VM {name}?" });
        await OpenWithKeyboardAsync(remove);
        var cancel = question.GetByRole(AriaRole.Button, new() { Name = "Cancel" });
        await Expect(cancel).ToBeFocusedAsync();
        await TabAroundAsync(page, question, first: cancel, last: question.GetByRole(AriaRole.Button, new() { Name = "Remove" }));
        await page.Keyboard.PressAsync("Escape");
        await Expect(question).ToBeHiddenAsync();
        await Expect(remove).ToBeFocusedAsync();
        Assert.NotNull(await product.Client.Vms.FindAsync(name));
        await page.Context.CloseAsync();
    }

    private static async Task OpenWithKeyboardAsync(ILocator opener)
    {
        await opener.FocusAsync();
        await opener.PressAsync("Enter");
    }

    // Tab from the last control wraps to the first, Shift+Tab from the first to the last, and a full round of Tabs
    // never leaves the dialog.
    private static async Task TabAroundAsync(IPage page, ILocator dialog, ILocator first, ILocator last)
    {
        var controls = await dialog.Locator("button:enabled, input:enabled, select:enabled").CountAsync();
        await first.FocusAsync();
        for (var i = 0; i < controls + 2; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)"), $"Tab {i + 1} left the dialog.");
        }

        await last.FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(last).ToBeFocusedAsync();
    }
}
