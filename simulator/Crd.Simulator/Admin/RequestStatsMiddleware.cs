using Crd.Simulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Admin;

/// <summary>
/// First in the pipeline: counts every API request in <see cref="SimRuntime.Requests"/> before
/// faults or authentication can refuse it (a retried request is two requests), and its outcome.
/// </summary>
public sealed class RequestStatsMiddleware(RequestDelegate next, SimRuntime runtime)
{
    /// <summary>Counts, then passes the request on.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var target = ServicePath.Parse(context.Request.Path.Value ?? "/");
        if (target.Service is ServicePath.Admin or ServicePath.Dashboard)
        {
            await next(context);
            return;
        }
        runtime.Requests.Record(target.Site, target.Service, context.Request.Method, target.Rest);
        try
        {
            await next(context);
        }
        finally
        {
            runtime.Requests.RecordOutcome(RequestStats.Outcome(context));
        }
    }
}
