using Hotset.Engine.Vms;

namespace Hotset.Engine.Persistence.Templates;

/// <summary><see cref="ITemplateStore"/> on SQLite or PostgreSQL.</summary>
internal sealed class SqlTemplateStore(Database db) : ITemplateStore
{
    private const string Select = "SELECT id, name, description, configuration FROM templates";

    public async Task<Template?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(Select + " WHERE id = @Id", new { Id = Ids.Text(id) }, ct))?.ToTemplate();

    public async Task<Template?> FindByNameAsync(string name, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(Select + " WHERE lower(name) = @Name",
            new { Name = name.ToLowerInvariant() }, ct))?.ToTemplate();

    public async Task<IReadOnlyList<Template>> ListAsync(CancellationToken ct) =>
        [.. (await db.QueryAsync<Row>(Select + " ORDER BY lower(name)", null, ct)).Select(r => r.ToTemplate())];

    public Task AddAsync(Template template, CancellationToken ct) => db.ExecuteNamedAsync(
        "INSERT INTO templates (id, name, description, configuration) VALUES (@Id, @Name, @Description, @Configuration)",
        new
        {
            Id = Ids.Text(template.Id),
            template.Name,
            template.Description,
            Configuration = DbJson.Write(template.Configuration),
        },
        "template", template.Name, ct);

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string Description { get; init; } = "";
        public string Configuration { get; init; } = "";

        public Template ToTemplate() => new()
        {
            Id = Ids.Parse(Id),
            Name = Name,
            Description = Description,
            Configuration = DbJson.Read<VmConfiguration>(Configuration),
        };
    }
}
