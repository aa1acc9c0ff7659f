namespace Crd.Cloud.Network;

/// <summary>A rule as Neutron stores it.</summary>
/// <param name="Id">Rule id.</param>
/// <param name="Spec">What it allows.</param>
public sealed record NeutronSecurityGroupRule(string Id, SecurityGroupRuleSpec Spec);
