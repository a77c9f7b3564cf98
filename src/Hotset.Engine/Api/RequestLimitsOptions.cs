using System.ComponentModel.DataAnnotations;

namespace Hotset.Engine.Api;

/// <summary>Bounds on what one API request may send (bound from <c>Engine</c>).</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Engine";

    /// <summary>
    /// Largest request body in bytes; a larger one is refused with 413 before it is read. The largest valid request (a
    /// VM with every CPU pinned) is a few tens of kilobytes, so the default of 1 MiB only refuses what is not a request.
    /// </summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodySize { get; set; } = 1 << 20;
}
