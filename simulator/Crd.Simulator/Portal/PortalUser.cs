using Crd.Simulator.State;

namespace Crd.Simulator.Portal;

/// <summary>A Waldur user with its API token (seeded: one staff, one ordinary user).</summary>
[SimCollection("portal.users")]
public sealed class PortalUser : Entity
{
    /// <summary>Username.</summary>
    public string Username { get; set; } = "";

    /// <summary>Full name.</summary>
    public string FullName { get; set; } = "";

    /// <summary>API token (40 hex digits), sent as <c>Authorization: Token &lt;t&gt;</c>.</summary>
    public string Token { get; set; } = "";

    /// <summary>Staff users see everything and their orders are approved automatically.</summary>
    public bool IsStaff { get; set; }
}
