using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Dashboard;

/// <summary>
/// The read-only dashboard: <c>/</c> (HTML page, refreshes itself every 2 s),
/// <c>/_sim/dashboard.html</c> (its live fragment) and <c>/_sim/dashboard.json</c> (the data).
/// </summary>
public sealed class DashboardModule : ISimModule
{
    /// <inheritdoc/>
    public string Name => "dashboard";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime)
    {
    }

    /// <inheritdoc/>
    public void Seed(StoreTransaction tx, SimRuntime runtime)
    {
    }

    /// <inheritdoc/>
    public void MapRoutes(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
        routes.MapGet("/", async (HttpContext ctx) =>
        {
            var model = await runtime.Store.ExecuteAsync(tx => DashboardModel.Build(tx, runtime));
            ctx.Response.Headers.CacheControl = "no-store";
            return Results.Content(DashboardPage.Render(model), "text/html; charset=utf-8");
        });
        routes.MapGet("/_sim/dashboard.html", async (HttpContext ctx) =>
        {
            var model = await runtime.Store.ExecuteAsync(tx => DashboardModel.Build(tx, runtime));
            ctx.Response.Headers.CacheControl = "no-store";
            return Results.Content(DashboardPage.Fragment(model), "text/html; charset=utf-8");
        });
        routes.MapGet("/_sim/dashboard.json", async () =>
            HttpJson.Json(await runtime.Store.ExecuteAsync(tx => DashboardModel.Build(tx, runtime))));
    }

    /// <inheritdoc/>
    public void Describe(SimDescription description, SimRuntime runtime) =>
        description.Endpoints.Add(("dashboard", description.BaseUrl + "/"));
}
