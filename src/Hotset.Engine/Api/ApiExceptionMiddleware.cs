namespace Hotset.Engine.Api;

/// <summary>
/// The API's one catch site for expected exceptions: a write that lost an optimistic-concurrency race becomes a 409
/// fault; an unreadable request a 400. Anything else is a bug and stays a 500 with its stack in the log. A taken name
/// is not caught here: the commands that add or rename turn it into their own fault (<c>VM_NAME_IN_USE</c>, …).
/// </summary>
internal sealed partial class ApiExceptionMiddleware(RequestDelegate next, ILogger<ApiExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ConcurrencyException e) when (!context.Response.HasStarted)
        {
            LogConflict(e.Message);
            await FaultResults.Fault(ApiFaults.Conflict(e.Message)).ExecuteAsync(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await FaultResults.BadRequest(e.Message).ExecuteAsync(context);
        }
    }

    [LoggerMessage(1201, LogLevel.Information, "Request refused: {Message}")]
    private partial void LogConflict(string message);
}
