using Crd.Simulator.State;

namespace Crd.Simulator.Identity;

/// <summary>A Keystone project of one site (its <see cref="Entity.Id"/> is the project id).</summary>
[SimCollection("identity.projects")]
public sealed class Project : Entity
{
    /// <summary>Project name, unique per site and domain.</summary>
    public string Name { get; set; } = "";

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";

    /// <summary>Domain id (always <c>default</c> here).</summary>
    public string DomainId { get; set; } = "default";

    /// <summary>Enabled flag; a disabled project cannot be scoped.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Role assignments: user id -> role names.</summary>
    public Dictionary<string, List<string>> Members { get; set; } = [];

    /// <summary>Quota limits of the project on its site.</summary>
    public Config.QuotaConfig Quota { get; set; } = new();
}
