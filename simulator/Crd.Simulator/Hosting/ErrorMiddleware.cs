using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crd.Simulator.Hosting;

/// <summary>
/// Outermost middleware: turns every failure into the addressed service's error body. Never lets
/// a stack trace reach the client; unexpected exceptions are logged and answered with a 500.
/// </summary>
public sealed class ErrorMiddleware(RequestDelegate next, ErrorShapes shapes, ILogger<ErrorMiddleware> logger)
{
    /// <summary>Runs the rest of the pipeline under the handler.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        // Every OpenStack service tags its answers with a request id that clients quote in errors.
        var requestId = "req-" + Guid.NewGuid().ToString("D");
        context.Response.Headers["X-OpenStack-Request-ID"] = requestId;
        if (context.Request.Path.Value?.Contains("/compute/", StringComparison.Ordinal) == true)
        {
            context.Response.Headers["X-Compute-Request-ID"] = requestId;
        }
        try
        {
            await next(context);
            if (context.Response.StatusCode is 404 or 405 && !context.Response.HasStarted)
            {
                await WriteAsync(context, context.Response.StatusCode == 404
                    ? ApiException.NotFound("The resource could not be found.")
                    : new ApiException(405, "The method is not allowed for the requested URL."));
            }
        }
        catch (ApiException ex)
        {
            await WriteAsync(context, ex);
        }
        catch (BadHttpRequestException ex)
        {
            await WriteAsync(context, new ApiException(ex.StatusCode, ex.Message));
        }
        catch (JsonException)
        {
            await WriteAsync(context, ApiException.BadRequest("Malformed request body"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex)
        {
            logger.LogError("Unexpected {Type} on {Method} {Path}: {Message}", ex.GetType().Name, context.Request.Method,
                context.Request.Path, ex.Message);
            logger.LogDebug(ex, "Unexpected exception");
            await WriteAsync(context, new ApiException(500, "The server has either erred or is incapable of performing the requested operation."));
        }
    }

    private async Task WriteAsync(HttpContext context, ApiException error)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }
        var service = ServicePath.Parse(context.Request.Path.Value ?? "/").Service;
        var requestId = context.Response.Headers["X-OpenStack-Request-ID"].ToString();
        context.Response.Clear();
        context.Response.Headers["X-OpenStack-Request-ID"] = requestId;
        context.Response.StatusCode = error.Status;
        foreach (var (name, value) in error.Headers)
        {
            context.Response.Headers[name] = value;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(shapes.Render(service, error).ToJsonString(), context.RequestAborted);
    }
}
