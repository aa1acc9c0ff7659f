using System.Globalization;
using Crd.Simulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Faults;

/// <summary>
/// Applies request-level fault rules before the request reaches its service: added latency,
/// an error status in the service's shape (with Retry-After), or an aborted connection.
/// Admin and dashboard paths are never faulted.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next, SimRuntime runtime)
{
    /// <summary>Fires matching rules, then (if still alive) passes the request on.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var target = ServicePath.Parse(context.Request.Path.Value ?? "/");
        if (target.Service is ServicePath.Admin or ServicePath.Dashboard)
        {
            await next(context);
            return;
        }
        foreach (var rule in runtime.Faults.Fire(target.Site, target.Service, context.Request.Method, target.Rest))
        {
            switch (rule.Kind)
            {
                case FaultKind.Latency:
                    await Task.Delay(rule.LatencyMs, context.RequestAborted);
                    break;
                case FaultKind.Reset:
                    Admin.RequestStats.MarkReset(context);
                    context.Abort();
                    return;
                default:
                    var error = new ApiException(rule.Status, rule.Message ?? DefaultMessage(rule.Status));
                    if (rule.RetryAfter is { } seconds)
                    {
                        error.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
                    }
                    throw error;
            }
        }
        await next(context);
    }

    private static string DefaultMessage(int status) => status switch
    {
        429 => "Rate limit exceeded: too many requests (injected by crd-sim).",
        503 => "The service is temporarily unavailable (injected by crd-sim).",
        _ => "The server has either erred or is incapable of performing the requested operation (injected by crd-sim).",
    };
}
