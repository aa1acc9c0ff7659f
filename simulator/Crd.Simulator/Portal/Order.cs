using Crd.Simulator.State;

namespace Crd.Simulator.Portal;

/// <summary>A marketplace order (Create, Update or Terminate of a tenant).</summary>
[SimCollection("portal.orders")]
public sealed class Order : Entity
{
    /// <summary>Create, Update or Terminate.</summary>
    public string Type { get; set; } = "Create";

    /// <summary>pending-consumer, pending-provider, executing, done, erred, rejected, canceled.</summary>
    public string State { get; set; } = "pending-consumer";

    /// <summary>Offering uuid.</summary>
    public string OfferingId { get; set; } = "";

    /// <summary>Plan uuid.</summary>
    public string PlanId { get; set; } = "";

    /// <summary>Waldur project uuid.</summary>
    public string PortalProjectId { get; set; } = "";

    /// <summary>Marketplace resource uuid.</summary>
    public string ResourceId { get; set; } = "";

    /// <summary>Order attributes (JSON text).</summary>
    public string AttributesJson { get; set; } = "{}";

    /// <summary>Requested limits.</summary>
    public Dictionary<string, long> Limits { get; set; } = [];

    /// <summary>Why the order erred.</summary>
    public string ErrorMessage { get; set; } = "";

    /// <summary>Creator's user id.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last change.</summary>
    public DateTimeOffset ModifiedAt { get; set; }
}
