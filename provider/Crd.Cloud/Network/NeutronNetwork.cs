namespace Crd.Cloud.Network;

/// <summary>A Neutron network.</summary>
/// <param name="Id">Network id.</param>
/// <param name="Name">Name.</param>
/// <param name="ProjectId">Owning project.</param>
/// <param name="External">True for an external network (<c>router:external</c>), the pool of floating IPs.</param>
/// <param name="Shared">True when shared with every project.</param>
public sealed record NeutronNetwork(string Id, string Name, string ProjectId, bool External, bool Shared);
