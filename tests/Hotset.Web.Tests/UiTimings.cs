using System.Diagnostics;
using System.Globalization;
using Hotset.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotset.Web.Tests;

/// <summary>
/// One round of the UI's figures for docs/benchmarks.md, each from a new browser context (cold HTTP cache). They are
/// printed as <c>figure: name: value</c> lines (<c>scripts/bench.sh ui</c> takes the medians), never asserted.
/// </summary>
internal sealed class UiTimings(IBrowser browser, string engineUrl, Action<string> print)
{
    // Scrolls the list 200 px per animation frame for up to 3 s and measures the gaps between frames: the
    // WebAssembly code runs on the page's one thread, so a slow render or a slow refresh shows as a long frame.
    // A page that stops getting animation frames ends the measurement after 5 s rather than never.
    private const string ScrollFrames = """
        async el => {
          const gaps = [];
          let last = performance.now();
          const end = last + 3000;
          await new Promise(done => {
            setTimeout(done, 5000);
            const step = now => {
              gaps.push(now - last);
              last = now;
              el.scrollTop += 200;
              if (now < end && el.scrollTop + el.clientHeight < el.scrollHeight - 1) requestAnimationFrame(step); else done();
            };
            requestAnimationFrame(step);
          });
          gaps.shift();
          gaps.sort((a, b) => a - b);
          return [gaps.length, gaps[Math.floor(gaps.length * 0.95)] ?? 0, gaps[gaps.length - 1] ?? 0, gaps.filter(g => g > 50).length];
        }
        """;

    private const string Transferred = """
        () => performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
          .filter(e => !e.name.includes('/ovirt-engine/'))
          .reduce((sum, e) => [sum[0] + e.transferSize, sum[1] + e.decodedBodySize], [0, 0])
        """;

    private const string VmListRequest = """
        () => performance.getEntriesByType('resource').filter(e => e.name.includes('/ovirt-engine/api/vms'))
          .map(e => [e.duration, e.transferSize])[0] ?? [0, 0]
        """;

    public async Task MeasureAsync(string firstVm, int vmCount)
    {
        // Logged out: the runtime and the login page.
        var clock = Stopwatch.StartNew();
        var page = await WebProduct.OpenAsync(browser, engineUrl);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Log in to Hotset" }).WaitForAsync();
        Figure("first load, cold cache, to the login page (ms)", clock.Elapsed.TotalMilliseconds);
        var bytes = await page.EvaluateAsync<double[]>(Transferred);
        Figure("UI bytes transferred (KB)", bytes[0] / 1024);
        Figure("UI bytes decoded (KB)", bytes[1] / 1024);

        clock.Restart();
        await WebProduct.LoginAsync(page);
        await InteractiveListAsync(page, firstVm, vmCount);
        Figure("log in to the interactive list (ms)", clock.Elapsed.TotalMilliseconds);

        await VmPages.GoToAsync(page, "Events", "Events");
        clock.Restart();
        await VmPages.GoToAsync(page, "Virtual machines", "Virtual machines");
        await Expect(VmPages.Row(page, firstVm)).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Figure("navigate to the list, first rows shown (ms)", clock.Elapsed.TotalMilliseconds);
        await page.Context.CloseAsync();

        // Logged in already (the tab's session token), cold cache: the "first load to an interactive VM list".
        var token = await new HotsetClient(new HttpClient(), new Uri(engineUrl)).LoginAsync(WebProduct.User, WebProduct.Password);
        var context = await browser.NewContextAsync(new() { BaseURL = engineUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(30_000);
        await context.AddInitScriptAsync(
            $"sessionStorage.setItem('hotset.token', '{token.AccessToken}'); sessionStorage.setItem('hotset.user', '{WebProduct.User}');");
        page = await context.NewPageAsync();
        clock.Restart();
        await page.GotoAsync("/");
        await InteractiveListAsync(page, firstVm, vmCount);
        Figure("first load, cold cache, logged in, to the interactive list (ms)", clock.Elapsed.TotalMilliseconds);
        var list = await page.EvaluateAsync<double[]>(VmListRequest);
        Figure("GET /vms in the browser (ms)", list[0]);
        Figure("GET /vms transferred (KB)", list[1] / 1024);

        var frames = await page.Locator(".scroll").EvaluateAsync<double[]>(ScrollFrames);
        Figure("scroll: frames", frames[0]);
        Figure("scroll: 95th percentile frame (ms)", frames[1]);
        Figure("scroll: longest frame (ms)", frames[2]);
        Figure("scroll: frames over 50 ms", frames[3]);
        await context.CloseAsync();
    }

    // Slow on a loaded machine: a figure is wanted, not a verdict.
    private static async Task InteractiveListAsync(IPage page, string firstVm, int vmCount)
    {
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "VMs" })).ToHaveTextAsync($"{vmCount} VMs", new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit " + firstVm, Exact = true })).ToBeEnabledAsync(new() { Timeout = 60_000 });
    }

    private void Figure(string name, double value) =>
        print(string.Create(CultureInfo.InvariantCulture, $"figure: {name}: {value:F0}"));
}
