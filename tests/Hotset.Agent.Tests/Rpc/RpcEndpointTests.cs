using System.Net;
using System.Text;
using System.Text.Json;
using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Rpc;

public sealed class RpcEndpointTests : IAsyncLifetime
{
    private readonly AgentUnderTest _agent = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _agent.DisposeAsync().AsTask();

    [Fact]
    public async Task Post_MalformedJson_AnswersParseErrorAndKeepsServing()
    {
        var reply = await PostRawAsync("{\"jsonrpc\": \"2.0\", \"method\": ");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(AgentErrorCodes.ParseError, reply.Error!.Code);
        Assert.Equal(JsonValueKind.Null, reply.Body.GetProperty("id").ValueKind);
        var capabilities = await _agent.Rpc.ResultAsync(AgentMethods.GetCapabilities);
        Assert.Equal("10.0.2", capabilities.GetProperty("qemuVersion").GetString());
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"VM.getStats\"")]
    [InlineData("{\"id\": 7, \"method\": \"Host.getCapabilities\"}")]
    [InlineData("{\"jsonrpc\": \"1.0\", \"id\": 7, \"method\": \"Host.getCapabilities\"}")]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": 5}")]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": {\"a\": 1}, \"method\": \"Host.getCapabilities\"}")]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"VM.getStats\", \"params\": \"vm1\"}")]
    [InlineData("[]")]
    public async Task Post_InvalidRequest_AnswersInvalidRequest(string body)
    {
        var reply = await PostRawAsync(body);

        Assert.Equal(AgentErrorCodes.InvalidRequest, reply.Error!.Code);
        Assert.StartsWith("Invalid Request: ", reply.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_InvalidRequestWithId_EchoesTheId()
    {
        var reply = await PostRawAsync("{\"jsonrpc\": \"1.0\", \"id\": \"abc\", \"method\": \"Host.getCapabilities\"}");

        Assert.Equal("abc", reply.Body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Call_UnknownMethod_AnswersMethodNotFoundWithTheId()
    {
        var reply = await PostRawAsync("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": \"VM.frobnicate\"}");

        Assert.Equal(AgentErrorCodes.MethodNotFound, reply.Error!.Code);
        Assert.Contains("VM.frobnicate", reply.Error.Message, StringComparison.Ordinal);
        Assert.Equal(99, reply.Body.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("{\"numberOfCpus\": 2}")]
    [InlineData("{\"vmID\": 5, \"numberOfCpus\": 2}")]
    [InlineData("{\"vmID\": \"vm1\", \"numberOfCpus\": \"four\"}")]
    [InlineData("{\"vmID\": null, \"numberOfCpus\": 2}")]
    [InlineData("[\"vm1\", 2]")]
    public async Task SetNumberOfCpus_BadParams_AnswersInvalidParams(string parameters)
    {
        var reply = await PostRawAsync($"{{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"VM.setNumberOfCpus\", \"params\": {parameters}}}");

        Assert.Equal(AgentErrorCodes.InvalidParams, reply.Error!.Code);
        Assert.StartsWith("Invalid params: ", reply.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_MissingParams_AnswersInvalidParams()
    {
        var error = await _agent.Rpc.ErrorAsync(AgentMethods.GetStats);

        Assert.Equal(AgentErrorCodes.InvalidParams, error.Code);
    }

    [Fact]
    public async Task Call_DriverThrowsUnexpectedly_AnswersGeneralErrorWithoutDetails()
    {
        _agent.Hypervisor.InfoFailure = new InvalidOperationException("secret internals");

        var error = await _agent.Rpc.ErrorAsync(AgentMethods.GetCapabilities);

        Assert.Equal(AgentErrorCodes.GeneralError, error.Code);
        Assert.DoesNotContain("secret internals", error.Message, StringComparison.Ordinal);
        _agent.Hypervisor.InfoFailure = null;
        await _agent.Rpc.ResultAsync(AgentMethods.GetCapabilities);
    }

    [Fact]
    public async Task Post_Batch_AnswersEachRequestInOrderAndSkipsNotifications()
    {
        var reply = await PostRawAsync("""
            [
              {"jsonrpc": "2.0", "id": 1, "method": "Host.getCapabilities"},
              {"jsonrpc": "2.0", "method": "Host.getAllVmStats"},
              {"jsonrpc": "2.0", "id": 2, "method": "VM.getStats", "params": {"vmID": "nope"}},
              {"jsonrpc": "2.0", "id": 3, "method": "Nope"}
            ]
            """);

        var replies = reply.Body.EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], replies.Select(r => r.GetProperty("id").GetInt32()));
        Assert.True(replies[0].TryGetProperty("result", out _));
        Assert.Equal(AgentErrorCodes.NoSuchVm, replies[1].GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(AgentErrorCodes.MethodNotFound, replies[2].GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Post_Notification_RunsTheVerbAndAnswersNoContent()
    {
        var definition = JsonSerializer.Serialize(AgentUnderTest.Definition("vm-n"));
        var reply = await PostRawAsync(
            $"{{\"jsonrpc\": \"2.0\", \"method\": \"VM.create\", \"params\": {{\"vmID\": \"vm-n\", \"vmParams\": {definition}}}}}");

        Assert.Equal(HttpStatusCode.NoContent, reply.Status);
        Assert.Equal("Up", (await _agent.Rpc.StatsAsync("vm-n")).Status);
    }

    [Fact]
    public async Task Call_WithCorrelationId_LogsTheVerbsOutcomeInItsScope()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AgentMethods.Path)
        {
            Content = new StringContent("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"VM.getStats\", \"params\": {\"vmID\": \"ghost\"}}"),
        };
        request.Headers.Add("Correlation-Id", "flow-42");

        using var response = await _agent.Rpc.Http.SendAsync(request);

        var entry = Assert.Single(_agent.Factory.Logs.Entries, e => e.Message.Contains("VM.getStats failed with code 1", StringComparison.Ordinal));
        Assert.Contains(
            entry.Scopes.OfType<IEnumerable<KeyValuePair<string, object>>>().SelectMany(s => s),
            p => p.Key == "CorrelationId" && Equals(p.Value, "flow-42"));
    }

    private async Task<RpcReply> PostRawAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _agent.Rpc.Http.PostAsync(AgentMethods.Path, content);
        return await RpcReply.ReadAsync(response);
    }
}
