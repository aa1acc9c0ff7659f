namespace Crd.Cloud.Network;

/// <summary>A Neutron floating IP.</summary>
/// <param name="Id">Floating IP id.</param>
/// <param name="Address">The public address.</param>
/// <param name="NetworkId">The external network it comes from.</param>
/// <param name="PortId">The port it is associated with, or null.</param>
/// <param name="Description">Description (carries the provider's request marker).</param>
public sealed record NeutronFloatingIp(string Id, string Address, string NetworkId, string? PortId, string Description);
