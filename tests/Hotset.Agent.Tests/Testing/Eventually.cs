namespace Hotset.Agent.Tests.Testing;

/// <summary>Polls a condition that becomes true in the background (a QEMU exit seen by the agent, a guest onlining a CPU).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? within = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, because ?? "The condition did not become true in time.");
            await Task.Delay(20);
        }
    }
}
