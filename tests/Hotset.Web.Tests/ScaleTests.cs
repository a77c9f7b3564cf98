using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Hotset.Web.Tests;

/// <summary>
/// The VM list with 1,000 VMs: rows are virtualised (the page holds a screenful, not 1,000) and scrolling reaches the
/// last VM. The timings (<see cref="UiTimings"/>) are printed for docs/benchmarks.md, never asserted.
/// </summary>
public sealed class ScaleTests(ScaleProduct product, ITestOutputHelper output) : IClassFixture<ScaleProduct>
{
    [Fact]
    public async Task VmList_ThousandVms_RendersAScreenfulAndScrollsToTheLast()
    {
        var page = await WebProduct.LoginAsync(await WebProduct.OpenAsync(product.Browser, product.EngineUrl));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "VMs" })).ToHaveTextAsync($"{ScaleProduct.VmCount} VMs");
        await Expect(VmPages.Row(page, "scale-0000")).ToBeVisibleAsync();

        var rows = await page.Locator("tr[data-vm]").CountAsync();
        Assert.InRange(rows, 10, 100);
        // As a user does: scroll to the end until the list ends (row heights are estimated until rendered).
        var last = VmPages.Row(page, $"scale-{ScaleProduct.VmCount - 1:D4}");
        for (var i = 0; i < 20 && !await last.IsVisibleAsync(); i++)
        {
            await page.Locator(".scroll").EvaluateAsync("e => e.scrollTop = e.scrollHeight");
            await page.WaitForTimeoutAsync(200);
        }

        await Expect(last).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        // The figures of docs/benchmarks.md (scripts/bench.sh ui asks for several rounds).
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("HOTSET_UI_BENCH_ROUNDS"), out var n) ? n : 1;
        var timings = new UiTimings(product.Browser, product.EngineUrl, output.WriteLine);
        for (var round = 0; round < rounds; round++)
        {
            // Each step has its own timeout but page evaluations have none: a stuck round fails instead of hanging.
            await timings.MeasureAsync("scale-0000", ScaleProduct.VmCount).WaitAsync(TimeSpan.FromMinutes(3));
        }
    }

    [Fact]
    public async Task EngineRestart_ShowsReconnectingThenRecoversByItself()
    {
        var page = await WebProduct.LoginAsync(await WebProduct.OpenAsync(product.Browser, product.EngineUrl));
        var reconnecting = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reconnecting to the engine" });
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "VMs" })).ToHaveTextAsync($"{ScaleProduct.VmCount} VMs");

        await product.StopEngineAsync();
        try
        {
            await Expect(reconnecting).ToBeVisibleAsync();
        }
        finally
        {
            product.StartEngine();
        }

        await Expect(reconnecting).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Virtual machines" })).ToBeVisibleAsync();
        await Expect(VmPages.Row(page, "scale-0000")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
