using Crd.Simulator.State;

namespace Crd.Simulator.Portal;

/// <summary>
/// A marketplace resource: an OpenStack tenant on a site. <see cref="BackendId"/> is the real
/// Keystone project id on that site (its <see cref="Entity.ProjectId"/> too once created).
/// </summary>
[SimCollection("portal.resources")]
public sealed class MarketplaceResource : Entity
{
    /// <summary>Name (the tenant name).</summary>
    public string Name { get; set; } = "";

    /// <summary>Creating, OK, Updating, Terminating, Terminated, Erred.</summary>
    public string State { get; set; } = "Creating";

    /// <summary>Offering uuid.</summary>
    public string OfferingId { get; set; } = "";

    /// <summary>Plan uuid.</summary>
    public string PlanId { get; set; } = "";

    /// <summary>Waldur project uuid.</summary>
    public string PortalProjectId { get; set; } = "";

    /// <summary>The OpenStack.Tenant plugin object uuid (<c>/openstack-tenants/{uuid}/</c>).</summary>
    public string TenantId { get; set; } = "";

    /// <summary>OpenStack project id.</summary>
    public string BackendId { get; set; } = "";

    /// <summary>Limits in force.</summary>
    public Dictionary<string, long> Limits { get; set; } = [];

    /// <summary>Attributes of the creating order (JSON text).</summary>
    public string AttributesJson { get; set; } = "{}";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last change.</summary>
    public DateTimeOffset ModifiedAt { get; set; }
}
