using Crd.Simulator.State;

namespace Crd.Simulator.Identity;

/// <summary>A Keystone application credential: bound to a user and one project.</summary>
[SimCollection("identity.application_credentials")]
public sealed class ApplicationCredential : Entity
{
    /// <summary>Name, unique per user.</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret (returned once at creation by the real Keystone).</summary>
    public string Secret { get; set; } = "";

    /// <summary>Owner.</summary>
    public string UserId { get; set; } = "";

    /// <summary>Roles the credential carries.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>When false, the credential cannot create other credentials (Keystone's default).</summary>
    public bool Unrestricted { get; set; }

    /// <summary>Expiry, if any.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";
}
