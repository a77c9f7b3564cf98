using System.Text;
using Hotset.Core.Vms;
using Hotset.Engine.Api;
using Hotset.Engine.Api.Vms;
using Hotset.Engine.Vms;
using Microsoft.AspNetCore.Http;

namespace Hotset.Engine.Tests.Api;

/// <summary>The streamed list writes exactly the bytes of the whole-tree representation, in both formats.</summary>
public sealed class ListResultTests
{
    [Theory]
    [InlineData("application/xml", 0)]
    [InlineData("application/xml", 1)]
    [InlineData("application/xml", 300)]
    [InlineData("application/json", 0)]
    [InlineData("application/json", 1)]
    [InlineData("application/json", 300)]
    public async Task ListResult_SameBytesAsTheTree(string accept, int count)
    {
        var vms = Enumerable.Range(0, count).Select(i => new Vm
        {
            Id = Guid.NewGuid(),
            ClusterId = Guid.NewGuid(),
            TemplateId = i % 2 == 0 ? Guid.NewGuid() : null,
            RunOnHostId = i % 3 == 0 ? Guid.NewGuid() : null,
            Status = i % 3 == 0 ? VmStatus.Up : VmStatus.Down,
            Configuration = new VmConfiguration
            {
                Name = $"vm{i}",
                Description = i % 5 == 0 ? "a <b> & \"c\" é" : "",
                CpuPinning = i % 7 == 0 ? "0#1_1#2,3" : null,
            },
            CreatedAt = DateTimeOffset.UnixEpoch.AddDays(i),
        }).ToList();

        var tree = await RenderAsync(new NodeResult(VmRepresentation.ToList(vms)), accept);
        var streamed = await RenderAsync(VmRepresentation.ToListResult(vms), accept);

        Assert.Equal(tree, streamed);
    }

    private static async Task<string> RenderAsync(IResult result, string accept)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Accept = accept;
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}
