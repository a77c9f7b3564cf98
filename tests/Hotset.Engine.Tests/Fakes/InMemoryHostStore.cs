using System.Collections.Concurrent;
using Hotset.Engine.Hosts;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Tests.Fakes;

public sealed class InMemoryHostStore : IHostStore
{
    private readonly ConcurrentDictionary<Guid, Host> _hosts = new();

    public Task<Host?> GetAsync(Guid id, CancellationToken ct) => Task.FromResult(_hosts.GetValueOrDefault(id));

    public Host Get(Guid id) => _hosts[id];

    public Task<IReadOnlyList<Host>> ListAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Host>>([.. _hosts.Values.OrderBy(h => h.Name)]);

    public Task AddAsync(Host host, CancellationToken ct)
    {
        if (_hosts.Values.Any(h => h.Name == host.Name))
        {
            throw new DuplicateNameException($"Host name {host.Name} is taken.");
        }

        _hosts[host.Id] = host;
        return Task.CompletedTask;
    }

    public Task<Host> UpdateAsync(Host host, CancellationToken ct)
    {
        lock (_hosts)
        {
            if (!_hosts.TryGetValue(host.Id, out var stored) || stored.Version != host.Version)
            {
                throw new ConcurrencyException($"Host {host.Id} changed since version {host.Version}.");
            }

            var written = host with { Version = host.Version + 1 };
            _hosts[host.Id] = written;
            return Task.FromResult(written);
        }
    }

    public Task<bool> RemoveAsync(Guid id, CancellationToken ct) => Task.FromResult(_hosts.TryRemove(id, out _));
}
