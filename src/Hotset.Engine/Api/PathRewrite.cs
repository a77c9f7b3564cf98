using Microsoft.AspNetCore.Http.Extensions;

namespace Hotset.Engine.Api;

/// <summary>
/// Before routing: <c>/ovirt-engine/api/v4/…</c> is served as <c>/ovirt-engine/api/…</c>, and matrix parameters
/// (<c>/vms/{id};next_run</c>, <c>;next_run=true</c>) become query parameters (an empty value means true).
/// </summary>
public static class PathRewrite
{
    public static void Apply(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path.Equals(Representations.ApiPaths.V4Root, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(Representations.ApiPaths.V4Root + "/", StringComparison.OrdinalIgnoreCase))
        {
            path = Representations.ApiPaths.Root + path[Representations.ApiPaths.V4Root.Length..];
        }

        if (path.Contains(';', StringComparison.Ordinal))
        {
            var query = new QueryBuilder(request.Query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))));
            var segments = path.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                var parts = segments[i].Split(';');
                segments[i] = parts[0];
                foreach (var parameter in parts.Skip(1).Where(p => p.Length > 0))
                {
                    var pair = parameter.Split('=', 2);
                    if (!request.Query.ContainsKey(pair[0]))
                    {
                        query.Add(Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "true");
                    }
                }
            }

            path = string.Join('/', segments);
            request.QueryString = query.ToQueryString();
        }

        request.Path = path;
    }
}
