namespace Crd.Cloud.Network;

/// <summary>
/// One Neutron security group rule as a value: what it allows, without its id. Two rules with
/// equal specs are the same rule to Neutron (it refuses the second with 409
/// <c>SecurityGroupRuleExists</c>), so the spec is the identity used to diff rule sets.
/// </summary>
/// <param name="Direction"><c>ingress</c> or <c>egress</c>.</param>
/// <param name="Ethertype"><c>IPv4</c> or <c>IPv6</c>.</param>
/// <param name="Protocol">Lower-case protocol name or number, null for any.</param>
/// <param name="PortRangeMin">Lowest port (ICMP type), or null.</param>
/// <param name="PortRangeMax">Highest port (ICMP code), or null.</param>
/// <param name="RemoteIpPrefix">Remote CIDR, or null.</param>
/// <param name="RemoteGroupId">Remote security group id, or null.</param>
/// <param name="Description">Free text (Neutron answers <c>""</c> when none was given).</param>
public sealed record SecurityGroupRuleSpec(
    string Direction,
    string Ethertype,
    string? Protocol,
    int? PortRangeMin,
    int? PortRangeMax,
    string? RemoteIpPrefix,
    string? RemoteGroupId,
    string Description = "")
{
    /// <summary>
    /// True for the allow-everything egress rules Neutron adds to every new group (one per
    /// ethertype): egress, any protocol, any port, any remote.
    /// </summary>
    public bool IsDefaultEgress => Direction == "egress" && Protocol is null && PortRangeMin is null && PortRangeMax is null
        && RemoteIpPrefix is null && RemoteGroupId is null;

    /// <summary>Same rule to Neutron (the description is not part of a rule's identity).</summary>
    public bool SameRule(SecurityGroupRuleSpec other) => Direction == other.Direction && Ethertype == other.Ethertype && Protocol == other.Protocol
        && PortRangeMin == other.PortRangeMin && PortRangeMax == other.PortRangeMax && RemoteIpPrefix == other.RemoteIpPrefix && RemoteGroupId == other.RemoteGroupId;
}
