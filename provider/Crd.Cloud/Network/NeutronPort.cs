namespace Crd.Cloud.Network;

/// <summary>A Neutron port.</summary>
/// <param name="Id">Port id.</param>
/// <param name="NetworkId">Its network.</param>
/// <param name="DeviceId">The server (or router) it is bound to; empty when unbound.</param>
/// <param name="FixedIps">Its fixed IP addresses.</param>
/// <param name="SecurityGroupIds">Security groups applied to it.</param>
public sealed record NeutronPort(string Id, string NetworkId, string DeviceId, IReadOnlyList<string> FixedIps, IReadOnlyList<string> SecurityGroupIds);
