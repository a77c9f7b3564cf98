using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotset.Web.Tests;

/// <summary>How the tests find things on the VM list and in the edit dialog, by role and label.</summary>
internal static class VmPages
{
    public static readonly LocatorAssertionsToHaveTextOptions Boot = new() { Timeout = 120_000 };

    public static ILocator Row(IPage page, string vm) => page.Locator($"tr[data-vm='{vm}']");

    public static ILocator Cell(IPage page, string vm, string column) => Row(page, vm).Locator($"[data-col='{column}']");

    public static async Task<ILocator> OpenEditAsync(IPage page, string vm)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit " + vm, Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Edit VM " + vm });
        await Expect(dialog.GetByLabel("Sockets")).ToBeEnabledAsync();
        return dialog;
    }

    public static Task<IReadOnlyList<string>> ChooseSocketsAsync(ILocator dialog, int sockets) =>
        dialog.GetByLabel("Sockets").SelectOptionAsync(sockets.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static async Task GoToAsync(IPage page, string link, string heading)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }).WaitForAsync();
    }
}
