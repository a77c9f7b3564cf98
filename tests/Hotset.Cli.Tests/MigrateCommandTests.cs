namespace Hotset.Cli.Tests;

/// <summary><c>hotset vm migrate</c> against the real product with its one host (two hosts: the end-to-end migration tests).</summary>
[Collection(CliProductGroup.Name)]
public sealed class MigrateCommandTests(CliProduct product)
{
    [Fact]
    public async Task VmMigrate_NoOtherHost_RefusedWithTheEngineSentenceAndNothingChanges()
    {
        var result = await product.RunAsync("vm", "migrate", CliProduct.GuestVmName, "--wait");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("Cannot migrate VM. No other host of cluster Default is Up", result.Error, StringComparison.Ordinal);
        Assert.Equal("up", (await product.Client.Vms.GetAsync(product.GuestVm.Id)).Status);
    }

    [Fact]
    public async Task VmMigrate_UnknownHost_NotFoundSentence()
    {
        var result = await product.RunAsync("vm", "migrate", CliProduct.GuestVmName, "--host", "nowhere");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("There is no host named 'nowhere'", result.Error, StringComparison.Ordinal);
    }
}
