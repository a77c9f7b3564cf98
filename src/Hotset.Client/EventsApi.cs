using System.Globalization;

namespace Hotset.Client;

/// <summary><c>/events</c>: the audit log, newest first.</summary>
public sealed class EventsApi
{
    private readonly ApiTransport _api;

    internal EventsApi(ApiTransport api) => _api = api;

    /// <summary>Events newest first; with <see cref="EventQuery.From"/> only those after that id (to follow the log).</summary>
    public async Task<IReadOnlyList<Event>> ListAsync(EventQuery? query = null, CancellationToken ct = default)
    {
        query ??= new EventQuery();
        var path = "events" + Query.Of(
            ("from", query.From?.ToString(CultureInfo.InvariantCulture)),
            ("max", query.Max?.ToString(CultureInfo.InvariantCulture)),
            ("search", query.Search));
        return [.. (await _api.GetAsync(path, ct)).Items("event").Select(Event.From)];
    }
}
