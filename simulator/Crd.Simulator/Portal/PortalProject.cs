using Crd.Simulator.State;

namespace Crd.Simulator.Portal;

/// <summary>A Waldur project of a customer (not an OpenStack project: those are its tenants).</summary>
[SimCollection("portal.projects")]
public sealed class PortalProject : Entity
{
    /// <summary>Customer uuid.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";

    /// <summary>End date (YYYY-MM-DD) or null.</summary>
    public string? EndDate { get; set; }

    /// <summary>Start date (YYYY-MM-DD) or null.</summary>
    public string? StartDate { get; set; }

    /// <summary>Backend id.</summary>
    public string BackendId { get; set; } = "";

    /// <summary>OECD field of science code.</summary>
    public string? OecdFos2007Code { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
