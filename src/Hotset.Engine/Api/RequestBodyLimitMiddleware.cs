using Hotset.Engine.Api.Representations;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Api;

/// <summary>
/// Refuses a request body larger than <see cref="RequestLimitsOptions.MaxRequestBodySize"/> with 413 and a fault:
/// at once when <c>Content-Length</c> says so, otherwise (chunked) as soon as one byte more than the limit is read, so
/// no endpoint buffers more than the limit. Kestrel's own limit is set to the same value and answered the same way.
/// </summary>
internal sealed partial class RequestBodyLimitMiddleware(
    RequestDelegate next, IOptions<RequestLimitsOptions> options, ILogger<RequestBodyLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodySize;
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            await RefuseAsync(context, limit);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrelLimit)
        {
            kestrelLimit.MaxRequestBodySize = limit;
        }

        request.Body = new LimitedReadStream(request.Body, limit);
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge
            && !context.Response.HasStarted)
        {
            await RefuseAsync(context, limit);
        }
    }

    private Task RefuseAsync(HttpContext context, long limit)
    {
        var message = $"The request body is larger than {limit} bytes, the most this engine accepts " +
            $"(Engine:{nameof(RequestLimitsOptions.MaxRequestBodySize)}); send only the elements that change.";
        LogRefused(context.Request.Method, context.Request.Path, limit);
        var fault = new Node("fault").Add("reason", FaultResults.Reason).Add("detail", "[" + message + "]");
        return new NodeResult(fault, StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
    }

    [LoggerMessage(1210, LogLevel.Information, "Request {Method} {Path} refused: its body is larger than {Limit} bytes")]
    private partial void LogRefused(string method, string path, long limit);
}
