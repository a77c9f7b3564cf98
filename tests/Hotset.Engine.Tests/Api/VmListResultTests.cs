using System.Text;
using Hotset.Core.Vms;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Api.Vms;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;
using Microsoft.AspNetCore.Http;

namespace Hotset.Engine.Tests.Api;

/// <summary>The cached VM list writes exactly the bytes of the uncached one, before and after VMs change.</summary>
public sealed class VmListResultTests
{
    private readonly InMemoryVmStore _store = new();
    private readonly EntryCache _cache = new();

    // The store's list of versions is the interface's: the default the fake inherits.
    private IVmStore Store => _store;

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/json")]
    public async Task Render_ColdWarmAndAfterChanges_SameBytesAsUncached(string accept)
    {
        var vms = await AddVmsAsync(300);

        Assert.Equal(await UncachedAsync(accept), await CachedAsync(accept));
        Assert.Equal(300, _cache.Count);
        Assert.Equal(await UncachedAsync(accept), await CachedAsync(accept));

        var up = _store.Get(vms[7].Id);
        await _store.UpdateAsync(up with { Status = VmStatus.Up, RunOnHostId = Guid.NewGuid(), VcpuCount = 2, GuestCpuCount = 1 }, default);
        await _store.RemoveAsync(vms[8].Id, default);
        await _store.AddAsync(NewVm(1000), default);
        var changed = await CachedAsync(accept);

        Assert.Equal(await UncachedAsync(accept), changed);
        Assert.Contains("\"up\"", changed.Replace("<status>up</status>", "\"up\"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(300, _cache.Count);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/json")]
    public async Task Render_BothFormatsOneAfterTheOther_EachItsOwnBytes(string first)
    {
        await AddVmsAsync(20);
        var second = first == "application/json" ? "application/xml" : "application/json";

        Assert.Equal(await UncachedAsync(first), await CachedAsync(first));
        Assert.Equal(await UncachedAsync(second), await CachedAsync(second));
        Assert.Equal(await UncachedAsync(first), await CachedAsync(first));
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/json")]
    public async Task Render_EmptyOrEveryVmRemoved_SameBytesAsUncached(string accept)
    {
        Assert.Equal(await UncachedAsync(accept), await CachedAsync(accept));

        var vms = await AddVmsAsync(2);
        var versions = await Store.ListVersionsAsync(null, null, default);
        foreach (var vm in vms)
        {
            await _store.RemoveAsync(vm.Id, default);
        }

        // The VMs went between reading the versions and writing the list.
        Assert.Equal(await UncachedAsync(accept), await RenderAsync(new VmListResult(versions, new VmListQuery(null, null), Store, _cache), accept));
    }

    [Fact]
    public async Task Render_NarrowedList_KeepsTheOtherEntries()
    {
        await AddVmsAsync(10);
        await CachedAsync("application/json");

        var narrowed = await RenderAsync(new VmListResult(await Store.ListVersionsAsync(null, 3, default),
            new VmListQuery(null, 3), Store, _cache), "application/json");

        Assert.Equal(await RenderAsync(VmRepresentation.ToListResult(await _store.ListAsync(null, 3, default)), "application/json"), narrowed);
        Assert.Equal(10, _cache.Count);
    }

    private async Task<List<Vm>> AddVmsAsync(int count)
    {
        var vms = Enumerable.Range(0, count).Select(NewVm).ToList();
        foreach (var vm in vms)
        {
            await _store.AddAsync(vm, default);
        }

        return vms;
    }

    private static Vm NewVm(int i) => new()
    {
        Id = Guid.NewGuid(),
        ClusterId = Guid.NewGuid(),
        TemplateId = i % 2 == 0 ? Guid.NewGuid() : null,
        RunOnHostId = i % 3 == 0 ? Guid.NewGuid() : null,
        Status = i % 3 == 0 ? VmStatus.Up : VmStatus.Down,
        Configuration = new VmConfiguration
        {
            Name = $"vm{i:D4}",
            Description = i % 5 == 0 ? "a <b> & \"c\" é" : "",
            CpuPinning = i % 7 == 0 ? "0#1_1#2,3" : null,
        },
        NextRun = i % 11 == 0 ? new VmConfiguration { Name = $"vm{i:D4}", Topology = new(2, 1, 1) } : null,
        CreatedAt = DateTimeOffset.UnixEpoch.AddDays(i),
    };

    private async Task<string> UncachedAsync(string accept) =>
        await RenderAsync(VmRepresentation.ToListResult(await _store.ListAsync(null, null, default)), accept);

    private async Task<string> CachedAsync(string accept) =>
        await RenderAsync(new VmListResult(await Store.ListVersionsAsync(null, null, default), new VmListQuery(null, null), Store, _cache), accept);

    private static async Task<string> RenderAsync(IResult result, string accept)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Accept = accept;
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        Assert.True(context.Response.ContentLength is null || context.Response.ContentLength == body.Length);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}
