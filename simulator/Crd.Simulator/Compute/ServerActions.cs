using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.Network;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Compute;

/// <summary>
/// <c>POST /servers/{id}/action</c>: os-stop, os-start, reboot, resize, confirmResize,
/// revertResize, rebuild, addSecurityGroup, removeSecurityGroup, lock, unlock.
/// </summary>
public static class ServerActions
{
    /// <summary>Maps the action route.</summary>
    public static void Map(RouteGroupBuilder v21, SimRuntime runtime)
    {
        v21.MapPost("/servers/{id}/action", async (HttpContext ctx, string id) =>
        {
            var body = await ctx.ReadObjectAsync();
            if (body.Count != 1)
            {
                throw ApiException.BadRequest("Malformed request body: exactly one action is required.");
            }
            var (action, argument) = body.First();
            var version = Microversion.Of(ctx, ComputeModule.MinVersion);
            var result = await runtime.Store.ExecuteAsync(tx =>
            {
                var server = ServerRoutes.Find(tx, ctx, id);
                var answer = Apply(tx, runtime, ctx, server, action, argument);
                server.UpdatedAt = tx.Now;
                tx.Put(server);
                return answer == 202 && action == "rebuild"
                    ? (Status: 202, Body: ServerView.Detail(tx, ComputeIndex.Build(tx, server.Site), server, version, ComputeModule.Url(ctx)))
                    : (Status: answer, Body: (JsonObject?)null);
            });
            return result.Body is { } json ? HttpJson.Json(new JsonObject { ["server"] = json }, result.Status) : Results.StatusCode(result.Status);
        });
    }

    private static int Apply(StoreTransaction tx, SimRuntime runtime, HttpContext ctx, Server server, string action, JsonNode? argument)
    {
        var seconds = runtime.Config.ActionSeconds;
        switch (action)
        {
            case "os-stop":
                Require(server, "stop", "active", "error");
                Begin(tx, runtime, server, "stop", "powering-off", null, seconds);
                return 202;
            case "os-start":
                Require(server, "start", "stopped");
                Begin(tx, runtime, server, "start", "powering-on", null, seconds);
                return 202;
            case "reboot":
                Require(server, "reboot", "active", "stopped", "error");
                var hard = (argument as JsonObject)?.OptString("type") is { } type && type.Equals("HARD", StringComparison.OrdinalIgnoreCase);
                Begin(tx, runtime, server, "reboot", hard ? "rebooting_hard" : "rebooting", hard ? "HARD_REBOOT" : "REBOOT", seconds);
                return 202;
            case "resize":
                Require(server, "resize", "active", "stopped");
                var flavorNode = (argument as JsonObject)?["flavorRef"]
                    ?? throw ApiException.BadRequest("Invalid input for field/attribute flavorRef. Value: None. 'flavorRef' is a required property");
                var flavorRef = flavorNode is JsonValue fv && fv.TryGetValue<string>(out var text) ? text : flavorNode.ToJsonString();
                flavorRef = flavorRef.TrimEnd('/').Split('/')[^1];
                var target = tx.Find<Flavor>(flavorRef) is { } f && f.Site == server.Site ? f : throw ApiException.BadRequest($"Flavor {flavorRef} could not be found.");
                if (target.Id == server.FlavorId)
                {
                    throw ApiException.BadRequest("When resizing, instances must change flavor!");
                }
                var current = tx.Find<Flavor>(server.FlavorId);
                var project = tx.Find<Project>(server.ProjectId) ?? throw TokenService.Unauthorized();
                ComputeUsage.Check(tx, project, 0, target.Vcpus - (current?.Vcpus ?? 0), target.RamMb - (current?.RamMb ?? 0));
                server.OldFlavorId = server.FlavorId;
                server.FlavorId = target.Id;
                server.ResumeVmState = server.VmState;
                Begin(tx, runtime, server, "resize", "resize_prep", "RESIZE", seconds);
                return 202;
            case "confirmResize":
                Require(server, "confirmResize", "resized");
                server.OldFlavorId = null;
                ServerLifecycle.Rest(server, server.ResumeVmState ?? "active");
                return 204;
            case "revertResize":
                Require(server, "revertResize", "resized");
                Begin(tx, runtime, server, "revert", "resize_reverting", "REVERT_RESIZE", seconds);
                return 202;
            case "rebuild":
                Require(server, "rebuild", "active", "stopped", "error");
                var spec = argument as JsonObject ?? throw ApiException.BadRequest("Invalid input for field/attribute rebuild.");
                var imageRef = spec.RequireString("imageRef").TrimEnd('/').Split('/')[^1];
                var image = tx.Find<Image.ImageEntity>(imageRef) is { } i && i.Site == server.Site && (i.Visibility == "public" || i.ProjectId == server.ProjectId)
                    ? i
                    : throw ApiException.BadRequest("Can not find requested image");
                server.ImageId = image.Id;
                server.Name = spec.OptString("name") ?? server.Name;
                server.Metadata = spec.OptStringMap("metadata") ?? server.Metadata;
                server.ResumeVmState = server.VmState == "stopped" ? "stopped" : "active";
                server.Fault = null;
                server.FailMessage = null;
                Begin(tx, runtime, server, "rebuild", "rebuilding", "REBUILD", seconds);
                return 202;
            case "addSecurityGroup" or "removeSecurityGroup":
                ChangeGroup(tx, server, action == "addSecurityGroup", (argument as JsonObject)?.OptString("name")
                    ?? throw ApiException.BadRequest("Invalid input for field/attribute name."));
                return 202;
            case "lock" or "unlock":
                server.Locked = action == "lock";
                return 202;
            default:
                throw ApiException.BadRequest($"There is no such action: {action}");
        }
    }

    private static void Require(Server server, string action, params string[] vmStates)
    {
        if (server.TaskState is not null || !vmStates.Contains(server.VmState))
        {
            throw ServerLifecycle.Conflict(server, action);
        }
    }

    private static void Begin(StoreTransaction tx, SimRuntime runtime, Server server, string pending, string task, string? status, double seconds)
    {
        server.Pending = pending;
        server.TaskState = task;
        if (status is not null)
        {
            server.Status = status;
        }
        server.DueAt = runtime.Due(tx, server.Site, "compute", seconds);
    }

    private static void ChangeGroup(StoreTransaction tx, Server server, bool add, string name)
    {
        var group = tx.OfSite<SecurityGroup>(server.Site, server.ProjectId).FirstOrDefault(g => g.Name == name || g.Id == name)
            ?? throw ApiException.NotFound($"Security group {name} not found for project {server.ProjectId}.");
        var ports = tx.OfSite<Port>(server.Site).Where(p => p.DeviceId == server.Id).ToList();
        if (!add && !ports.Any(p => p.SecurityGroupIds.Contains(group.Id)))
        {
            throw ApiException.NotFound($"Security group {name} not associated with the instance {server.Id}");
        }
        foreach (var port in ports)
        {
            port.SecurityGroupIds.Remove(group.Id);
            if (add)
            {
                port.SecurityGroupIds.Add(group.Id);
            }
            tx.Put(port);
        }
    }
}
