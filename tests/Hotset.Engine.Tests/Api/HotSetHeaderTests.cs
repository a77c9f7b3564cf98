using Hotset.Engine.Api.Vms;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Tests.Api;

public sealed class HotSetHeaderTests
{
    [Theory]
    [InlineData(HotSetResult.Applied, null, "applied; previous=1; requested=2")]
    [InlineData(HotSetResult.Failed, "agent said \"no\"\nreally", "failed; previous=1; requested=2; message=\"agent said 'no' really\"")]
    [InlineData(HotSetResult.NextRun, "reboot required", "next_run; previous=1; requested=2; message=\"reboot required\"")]
    public void Format_Outcome_HeaderValue(HotSetResult result, string? message, string header) =>
        Assert.Equal(header, HotSetHeader.Format(new HotSetOutcome(result, 1, 2, message)));
}
