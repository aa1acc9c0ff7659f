namespace Crd.Cloud.Network;

/// <summary>A security group with its rules (<c>GET /security-groups/{id}</c>).</summary>
/// <param name="Id">Group id.</param>
/// <param name="Name">Name.</param>
/// <param name="Description">Description (empty when none).</param>
/// <param name="ProjectId">Owning project.</param>
/// <param name="Rules">Every rule of the group, in Neutron's order.</param>
public sealed record NeutronSecurityGroupDetail(string Id, string Name, string Description, string ProjectId, IReadOnlyList<NeutronSecurityGroupRule> Rules);
