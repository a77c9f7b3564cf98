namespace Hotset.Engine.Persistence.Templates;

public interface ITemplateStore
{
    Task<Template?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>The template with this name (case-insensitive), or null.</summary>
    Task<Template?> FindByNameAsync(string name, CancellationToken ct);

    Task<IReadOnlyList<Template>> ListAsync(CancellationToken ct);

    /// <summary>Adds a template; throws <see cref="DuplicateNameException"/> when the name is taken.</summary>
    Task AddAsync(Template template, CancellationToken ct);
}
