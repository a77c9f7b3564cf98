using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hotset.Agent.Auth;
using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Auth;

public sealed class BearerSecretTests
{
    private static readonly object Request = new { jsonrpc = "2.0", id = 1, method = AgentMethods.GetCapabilities };

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-secret")]
    [InlineData("Bearer ")]
    [InlineData("Basic dGVzdC1zZWNyZXQtMDEyMzQ1Njc4OQ==")]
    [InlineData("test-secret-0123456789")]
    public async Task Call_WithoutTheHostSecret_Answers401WithJsonRpcError(string? authorization)
    {
        await using var agent = new AgentUnderTest();
        using var client = agent.Factory.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.PostAsJsonAsync(AgentMethods.Path, Request);
        var reply = await RpcReply.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(AgentErrorCodes.Unauthenticated, reply.Error!.Code);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(agent.Hypervisor.Starts);
    }

    [Fact]
    public async Task Call_WithTheConfiguredSecret_IsServed()
    {
        await using var agent = new AgentUnderTest();

        var reply = await agent.Rpc.CallAsync(AgentMethods.GetCapabilities);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Null(reply.Error);
    }

    [Fact]
    public async Task Start_WithoutConfiguredSecret_GeneratesAnOwnerOnlySecretFileAndKeepsItAcrossRestarts()
    {
        await using var agent = new AgentUnderTest(secret: "");
        var path = agent.State.Combine(AgentSecret.FileName);

        Assert.True(File.Exists(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var secret = File.ReadAllText(path).Trim();
        Assert.Equal(64, secret.Length);
        using (var client = agent.Factory.CreateAuthenticatedClient(secret))
        using (var response = await client.PostAsJsonAsync(AgentMethods.Path, Request))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await agent.RestartAsync();

        Assert.Equal(secret, File.ReadAllText(path).Trim());
        using var again = agent.Factory.CreateAuthenticatedClient(secret);
        using var second = await again.PostAsJsonAsync(AgentMethods.Path, Request);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Call_WithoutSecretWhenTheSecretIsGenerated_IsRefused()
    {
        await using var agent = new AgentUnderTest(secret: "");
        using var client = agent.Factory.CreateAuthenticatedClient("");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "0000");

        using var response = await client.PostAsJsonAsync(AgentMethods.Path, Request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
