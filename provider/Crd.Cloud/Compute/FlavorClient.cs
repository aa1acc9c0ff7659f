using System.Text.Json.Nodes;

namespace Crd.Cloud.Compute;

/// <summary>
/// Nova flavors of a site. Nova has no name filter, so names resolve on the client side; the
/// list is fetched once per site and cached (flavors rarely change), so plans and refreshes of
/// many VMs cost one call.
/// </summary>
public sealed class FlavorClient(SiteSession session)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Every flavor visible to the project.</summary>
    public Task<IReadOnlyList<Flavor>> ListAsync(CancellationToken cancellationToken) =>
        session.Cache.GetOrCreateAsync("compute.flavors", CacheLifetime, async ct =>
        {
            var response = await session.SendAsync(CloudRequest.Get(CloudService.Compute, "/flavors/detail"), ct).ConfigureAwait(false);
            return (IReadOnlyList<Flavor>)[.. response.Array("flavors").OfType<JsonObject>().Select(Parse)];
        }, cancellationToken);

    /// <summary>The flavor with this id, or else this name; <see cref="CloudLookupException"/> listing the names otherwise.</summary>
    public async Task<Flavor> ResolveAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var flavors = await ListAsync(cancellationToken).ConfigureAwait(false);
        if (flavors.FirstOrDefault(f => f.Id == nameOrId) is { } byId)
        {
            return byId;
        }

        var byName = flavors.Where(f => f.Name == nameOrId).ToList();
        return byName.Count switch
        {
            1 => byName[0],
            0 => throw new CloudLookupException(session.Site, "flavor", nameOrId, flavors.Select(f => f.Name)),
            _ => throw new CloudLookupException(session.Site, "flavor", nameOrId, byName.Select(f => f.Id), ambiguous: true),
        };
    }

    /// <summary>Parses a flavor object of <c>/flavors/detail</c>.</summary>
    public static Flavor Parse(JsonObject flavor) => new(
        flavor["id"]?.ToString() ?? "",
        flavor["name"]?.GetValue<string>() ?? "",
        flavor["vcpus"]?.GetValue<int>() ?? 0,
        flavor["ram"]?.GetValue<long>() ?? 0,
        flavor["disk"]?.GetValue<long>() ?? 0);
}
