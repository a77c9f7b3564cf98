using System.Buffers;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// <c>GET /vms</c> for a caller who may read every VM: the list's ids and versions are read first, and only the VMs
/// whose entry is not cached for that version (<see cref="EntryCache"/>) are read whole, made into nodes and written;
/// the other entries are copied as bytes. The body is byte for byte what <see cref="VmRepresentation.ToListResult"/>
/// writes for the same VMs.
/// </summary>
public sealed class VmListResult(IReadOnlyList<VmVersion> versions, VmListQuery query, IVmStore store, EntryCache cache) : IResult
{
    /// <summary>The service key of the engine's one cache of <c>&lt;vm&gt;</c> entries.</summary>
    public const string CacheKey = "vms";

    private const int FlushAt = 64 * 1024;

    // Above this many uncached VMs one read of the whole list is cheaper than reading them by id.
    private const int ReadByIdAtMost = 2000;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var format = ApiFormats.ForResponse(httpContext.Request);
        var ct = httpContext.RequestAborted;
        var entries = new byte[]?[versions.Count];
        var missing = new List<Guid>();
        for (var i = 0; i < versions.Count; i++)
        {
            entries[i] = cache.Find(versions[i].Id, versions[i].Version, format);
            if (entries[i] is null)
            {
                missing.Add(versions[i].Id);
            }
        }

        if (missing.Count > 0)
        {
            var made = await MakeAsync(missing, format, ct);
            for (var i = 0; i < versions.Count; i++)
            {
                // A VM removed since its version was read is left out; one changed since is shown as it is now.
                entries[i] ??= made.GetValueOrDefault(versions[i].Id);
            }
        }

        if (query.IsComplete)
        {
            cache.KeepOnly(versions.Select(v => v.Id).ToHashSet());
        }

        var present = entries.OfType<byte[]>().ToList();
        if (present.Count == 0)
        {
            await VmRepresentation.ToListResult([]).ExecuteAsync(httpContext);
            return;
        }

        await WriteAsync(httpContext.Response, format, present, ct);
    }

    private async Task<Dictionary<Guid, byte[]>> MakeAsync(List<Guid> missing, ApiFormat format, CancellationToken ct)
    {
        var vms = missing.Count <= ReadByIdAtMost
            ? await store.GetManyAsync(missing, ct)
            : await store.ListAsync(query.NamePattern, query.Max, ct);
        var wanted = missing.ToHashSet();
        vms = [.. vms.Where(v => wanted.Contains(v.Id))];
        var bytes = ListPieces.Entries(format, "vms", "vm", [.. vms.Select(v => VmRepresentation.ToNode(v, withActions: false))]);
        var made = new Dictionary<Guid, byte[]>(vms.Count);
        for (var i = 0; i < vms.Count; i++)
        {
            cache.Put(vms[i].Id, vms[i].Version, format, bytes[i]);
            made[vms[i].Id] = bytes[i];
        }

        return made;
    }

    private static async Task WriteAsync(HttpResponse response, ApiFormat format, List<byte[]> entries, CancellationToken ct)
    {
        var pieces = ListPieces.For(format, "vms", "vm");
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ApiFormats.ContentType(format);
        response.ContentLength = pieces.Header.Length + pieces.FirstPrefix.Length + entries.Sum(e => (long)e.Length)
            + (long)pieces.Separator.Length * (entries.Count - 1) + pieces.Footer.Length;
        var body = response.BodyWriter;
        body.Write(pieces.Header);
        body.Write(pieces.FirstPrefix);
        long pending = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                body.Write(pieces.Separator);
            }

            body.Write(entries[i]);
            pending += entries[i].Length;
            if (pending >= FlushAt)
            {
                await body.FlushAsync(ct);
                pending = 0;
            }
        }

        body.Write(pieces.Footer);
        await body.FlushAsync(ct);
    }
}

/// <summary>What a VM list asked for: oVirt's <c>search=name=…</c> and <c>max</c>; complete when neither narrows it.</summary>
public sealed record VmListQuery(string? NamePattern, int? Max)
{
    public bool IsComplete => string.IsNullOrEmpty(NamePattern) && Max is null;
}
