using System.Text.Json;

namespace Hotset.Cli.Tests;

[Collection(CliProductGroup.Name)]
public sealed class ConfigCommandsTests(CliProduct product)
{
    [Fact]
    public async Task SetGetReset_RoundTrip()
    {
        var before = await GetAsync();
        Assert.True(before.GetProperty("is_default").GetBoolean());
        try
        {
            var set = await product.RunAsync("config", "set", "MaxNumOfVmSockets", "12", "--version", "4.8");
            Assert.True(set.ExitCode == 0, set.ToString());
            Assert.Matches(@"(?m)^MaxNumOfVmSockets\s+4\.8\s+\S+\s+12\s+no$", set.Out);
            Assert.Equal("12", (await GetAsync()).GetProperty("value").GetString());
        }
        finally
        {
            var reset = await product.RunAsync("config", "reset", "MaxNumOfVmSockets", "--version", "4.8");
            Assert.True(reset.ExitCode == 0, reset.ToString());
        }

        var after = await GetAsync();
        Assert.Equal((before.GetProperty("value").GetString(), true), (after.GetProperty("value").GetString(), after.GetProperty("is_default").GetBoolean()));
    }

    [Fact]
    public async Task SetAndResetWithoutVersion_ChangeEveryVersionThatHasTheKey()
    {
        var versions = (await EntriesAsync()).Select(e => e.GetProperty("version").GetString()).Distinct().ToList();
        Assert.True(versions.Count > 1, $"MaxNumOfVmSockets has values for {versions.Count} version(s) only.");
        try
        {
            var set = await product.RunAsync("config", "set", "MaxNumOfVmSockets", "12");

            Assert.True(set.ExitCode == 0, set.ToString());
            Assert.All(await EntriesAsync(), e => Assert.Equal("12", e.GetProperty("value").GetString()));
        }
        finally
        {
            var reset = await product.RunAsync("config", "reset", "MaxNumOfVmSockets");
            Assert.True(reset.ExitCode == 0, reset.ToString());
        }

        Assert.All(await EntriesAsync(), e => Assert.True(e.GetProperty("is_default").GetBoolean(), e.ToString()));
    }

    [Theory]
    [InlineData("--version", "4.8")]
    [InlineData]
    public async Task Set_UnknownKey_RefusedExit3(params string[] version)
    {
        var result = await product.RunAsync(["config", "set", "NoSuchKey", "1", .. version]);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("'NoSuchKey' is not a configuration key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetWithoutVersion_BadValue_RefusedExit3AndNothingChanged()
    {
        var result = await product.RunAsync("config", "set", "MaxNumOfVmSockets", "-5");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("Nothing changed.", result.Error, StringComparison.Ordinal);
        Assert.All(await EntriesAsync(), e => Assert.True(e.GetProperty("is_default").GetBoolean(), e.ToString()));
    }

    private async Task<IReadOnlyList<JsonElement>> EntriesAsync()
    {
        var result = await product.RunAsync("config", "get", "MaxNumOfVmSockets", "-o", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. JsonDocument.Parse(result.Out).RootElement.EnumerateArray()];
    }

    private async Task<JsonElement> GetAsync()
    {
        var result = await product.RunAsync("config", "get", "MaxNumOfVmSockets", "--version", "4.8", "-o", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Out).RootElement.EnumerateArray().Single(e => !e.TryGetProperty("architecture", out var arch)
            || arch.GetString() == "x86_64");
    }
}
