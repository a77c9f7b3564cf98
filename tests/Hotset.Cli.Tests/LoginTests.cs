using Hotset.EndToEnd.Tests;

namespace Hotset.Cli.Tests;

/// <summary><c>hotset login/logout</c> against the real engine, with a private config directory per test.</summary>
[Collection(CliProductGroup.Name)]
public sealed class LoginTests(CliProduct product) : IDisposable
{
    private readonly string _config = Directory.CreateTempSubdirectory("hotset-cli-login-").FullName;

    public void Dispose() => Directory.Delete(_config, recursive: true);

    private Task<CliResult> RunAsync(string[] args, Func<string, string?>? prompt = null) =>
        CliRun.RunAsync(new Dictionary<string, string?>(), _config, args, prompt);

    [Fact]
    public async Task Login_PromptedPassword_TokenFile0600ThenCommandsUseIt()
    {
        string? asked = null;
        var login = await RunAsync(["login", product.Product.EngineUrl, "--user", "admin"], p =>
        {
            asked = p;
            return HotsetProduct.AdminPassword;
        });

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Equal("Password for admin@internal: ", asked);
        var file = Path.Combine(_config, "token.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.DoesNotContain(HotsetProduct.AdminPassword, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Contains($"token stored in {file}", login.Out, StringComparison.Ordinal);

        var list = await RunAsync(["vm", "list"]);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(CliProduct.GuestVmName, list.Out, StringComparison.Ordinal);

        var logout = await RunAsync(["logout"]);
        Assert.Equal(0, logout.ExitCode);
        Assert.False(File.Exists(file));
        Assert.Equal(ExitCodes.AuthenticationFailed, (await RunAsync(["vm", "list"])).ExitCode);
    }

    [Fact]
    public async Task Login_WrongPassword_ClearMessageExit8NoTokenFile()
    {
        var result = await RunAsync(["login", product.Product.EngineUrl], _ => "not-the-password");

        Assert.Equal(ExitCodes.AuthenticationFailed, result.ExitCode);
        Assert.Equal("Error: Login failed: Cannot authenticate user 'admin@internal': The username or password is incorrect.\n" +
            "Hint: Check the user (name@domain) and the password.\n", result.Error.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(Path.Combine(_config, "token.json")));
    }

    [Fact]
    public async Task EnvironmentPassword_Wrong_Exit8()
    {
        var env = new Dictionary<string, string?> { ["HOTSET_URL"] = product.Product.EngineUrl, ["HOTSET_PASSWORD"] = "wrong" };

        var result = await CliRun.RunAsync(env, _config, ["vm", "list"]);

        Assert.Equal(ExitCodes.AuthenticationFailed, result.ExitCode);
        Assert.Contains("The username or password is incorrect.", result.Error, StringComparison.Ordinal);
    }
}
