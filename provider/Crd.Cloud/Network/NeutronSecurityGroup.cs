namespace Crd.Cloud.Network;

/// <summary>A Neutron security group.</summary>
/// <param name="Id">Group id.</param>
/// <param name="Name">Group name (not necessarily unique).</param>
public sealed record NeutronSecurityGroup(string Id, string Name);
