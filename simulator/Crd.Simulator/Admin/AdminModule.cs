using System.Text.Json;
using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Faults;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Admin;

/// <summary>
/// <c>/_sim/...</c>: health, state dump, reset, faults, clock, snapshot, request counts. Object mutation behind the
/// client's back and project creation live in <see cref="AdminObjectRoutes"/>. Loopback only, no auth.
/// </summary>
public sealed class AdminModule : ISimModule
{
    private static readonly JsonSerializerOptions RuleOptions = SimConfig.FileOptions;

    /// <inheritdoc/>
    public string Name => "admin";

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
        var sim = routes.MapGroup("/_sim");
        sim.MapGet("/health", () => HttpJson.Json(new JsonObject { ["status"] = "ok" }));
        sim.MapGet("/config", () => HttpJson.Json(JsonSerializer.SerializeToNode(runtime.Config, SimConfig.FileOptions)!));
        sim.MapGet("/state", async () =>
        {
            await runtime.Store.ExecuteAsync(_ => { });
            var state = runtime.Store.Dump();
            return HttpJson.Json(new JsonObject
            {
                ["clock"] = Clock(runtime),
                ["faults"] = JsonSerializer.SerializeToNode(runtime.Faults.Rules, RuleOptions),
                ["journal"] = new JsonObject { ["records"] = runtime.Store.RecordCount, ["fsyncs"] = runtime.Store.SyncCount },
                ["objects"] = state,
            });
        });
        sim.MapPost("/reset", async () =>
        {
            await runtime.ResetAsync();
            runtime.Faults.Replace(runtime.Config.Faults);
            return HttpJson.Json(new JsonObject { ["reset"] = true });
        });
        sim.MapPost("/snapshot", async () =>
        {
            await runtime.Store.SnapshotAsync();
            return Results.NoContent();
        });
        sim.MapGet("/faults", () => HttpJson.Json(Faults(runtime)));
        sim.MapPut("/faults", async Task<IResult> (HttpContext ctx) =>
        {
            runtime.Faults.Replace(await ReadRulesAsync(ctx));
            return HttpJson.Json(Faults(runtime));
        });
        sim.MapPost("/faults", async Task<IResult> (HttpContext ctx) =>
        {
            runtime.Faults.Replace([.. runtime.Faults.Rules, .. await ReadRulesAsync(ctx)]);
            return HttpJson.Json(Faults(runtime), 201);
        });
        sim.MapDelete("/faults", () =>
        {
            runtime.Faults.Replace([]);
            return Results.NoContent();
        });
        sim.MapGet("/stats", () => HttpJson.Json(runtime.Requests.Snapshot()));
        sim.MapDelete("/stats", () =>
        {
            runtime.Requests.Reset();
            return Results.NoContent();
        });
        sim.MapGet("/clock", () => HttpJson.Json(Clock(runtime)));
        sim.MapPut("/clock", async Task<IResult> (HttpContext ctx) =>
        {
            var body = await ctx.ReadObjectAsync();
            runtime.Clock.Instant = body.OptBool("instant") ?? runtime.Clock.Instant;
            return HttpJson.Json(Clock(runtime));
        });
        sim.MapPost("/clock/advance", async Task<IResult> (HttpContext ctx) =>
        {
            var body = await ctx.ReadObjectAsync();
            var seconds = body["seconds"] is JsonValue v && v.TryGetValue<double>(out var s) && s >= 0
                ? s
                : throw ApiException.BadRequest("'seconds' must be a non-negative number.");
            await runtime.Store.ExecuteAsync(tx =>
            {
                runtime.Clock.Advance(TimeSpan.FromSeconds(seconds));
                var meta = tx.Find<SimMeta>(SimMeta.SingletonId) ?? new SimMeta { Id = SimMeta.SingletonId };
                meta.ClockOffsetSeconds = runtime.Clock.Offset.TotalSeconds;
                tx.Put(meta);
            });
            // Apply the transitions that just became due, so the answer reflects them.
            await runtime.Store.ExecuteAsync(_ => { });
            return HttpJson.Json(Clock(runtime));
        });
        AdminObjectRoutes.Map(sim, runtime);
    }

    /// <inheritdoc/>
    public void Describe(SimDescription description, SimRuntime runtime)
    {
        description.Endpoints.Add(("admin (reset, faults, clock, state)", description.BaseUrl + "/_sim/"));
    }

    private static JsonObject Clock(SimRuntime runtime) => new()
    {
        ["now"] = HttpJson.Iso(runtime.Clock.Now),
        ["offset_seconds"] = runtime.Clock.Offset.TotalSeconds,
        ["instant"] = runtime.Clock.Instant,
    };

    private static JsonObject Faults(SimRuntime runtime) => new()
    {
        ["faults"] = JsonSerializer.SerializeToNode(runtime.Faults.Rules, RuleOptions),
    };

    private static async Task<List<FaultRule>> ReadRulesAsync(HttpContext ctx)
    {
        var node = await ctx.ReadNodeAsync() ?? throw ApiException.BadRequest("A fault rule, a list of rules, or {\"faults\": [...]} is required.");
        if (node is JsonObject wrapper && wrapper["faults"] is JsonArray inner)
        {
            node = inner;
        }
        try
        {
            return node is JsonArray
                ? node.Deserialize<List<FaultRule>>(RuleOptions) ?? []
                : [node.Deserialize<FaultRule>(RuleOptions) ?? throw ApiException.BadRequest("Empty fault rule.")];
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest("Invalid fault rule: " + ex.Message);
        }
    }
}
