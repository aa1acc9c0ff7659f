using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Network;

/// <summary>Visibility, lookups with Neutron's 404s, and quota checks (409 OverQuota).</summary>
public static class NeutronAccess
{
    /// <summary>True when the token may see <paramref name="entity"/>.</summary>
    public static bool Visible(TokenInfo token, Entity entity) =>
        entity.Site == token.Site && (entity.ProjectId == token.ProjectId || token.IsAdmin
            || entity is NetworkEntity { External: true } or NetworkEntity { Shared: true });

    /// <summary>A visible entity or the typed 404.</summary>
    public static T Find<T>(StoreTransaction tx, HttpContext ctx, string id, string message, string type) where T : Entity =>
        tx.Find<T>(id) is { } entity && Visible(ctx.Token(), entity) ? entity : throw ApiException.NotFound(message, type);

    /// <summary>The entity, which must be the token's own (not merely visible) to be changed.</summary>
    public static T Owned<T>(StoreTransaction tx, HttpContext ctx, string id, string message, string type) where T : Entity
    {
        var entity = Find<T>(tx, ctx, id, message, type);
        var token = ctx.Token();
        return entity.ProjectId == token.ProjectId || token.IsAdmin
            ? entity
            : throw new ApiException(403, $"The request you have made requires authentication.", "HTTPForbidden");
    }

    /// <summary>The network <paramref name="id"/> or <c>NetworkNotFound</c>.</summary>
    public static NetworkEntity Network(StoreTransaction tx, HttpContext ctx, string id) =>
        Find<NetworkEntity>(tx, ctx, id, $"Network {id} could not be found.", "NetworkNotFound");

    /// <summary>Refuses with 409 OverQuota when the project already has <paramref name="limit"/> of a resource.</summary>
    public static void CheckQuota(StoreTransaction tx, string site, string projectId, string resource, Func<Config.QuotaConfig, int> limit,
        int current)
    {
        var project = tx.Find<Project>(projectId);
        if (project is null)
        {
            return;
        }
        var allowed = limit(project.Quota);
        if (allowed >= 0 && current + 1 > allowed)
        {
            throw ApiException.Conflict($"Quota exceeded for resources: ['{resource}'].", "OverQuota");
        }
    }
}
