namespace Hotset.Engine.Hosts;

public interface IHostStore
{
    Task<Host?> GetAsync(Guid id, CancellationToken ct);
    Task<IReadOnlyList<Host>> ListAsync(CancellationToken ct);
    Task AddAsync(Host host, CancellationToken ct);
    Task<Host> UpdateAsync(Host host, CancellationToken ct);
    Task<bool> RemoveAsync(Guid id, CancellationToken ct);
}
