using Crd.Simulator.State;

namespace Crd.Simulator.Identity;

/// <summary>A Keystone user of one site.</summary>
[SimCollection("identity.users")]
public sealed class User : Entity
{
    /// <summary>User name, unique per site and domain.</summary>
    public string Name { get; set; } = "";

    /// <summary>Password for the <c>password</c> auth method.</summary>
    public string Password { get; set; } = "";

    /// <summary>Domain id.</summary>
    public string DomainId { get; set; } = "default";

    /// <summary>Enabled flag.</summary>
    public bool Enabled { get; set; } = true;
}
