namespace Crd.Cloud.Compute;

/// <summary>One address of a server, as Nova lists it under <c>addresses</c>.</summary>
/// <param name="Network">Name of the network the address belongs to.</param>
/// <param name="Address">The IP address.</param>
/// <param name="Version">4 or 6.</param>
/// <param name="IsFloating">True for a floating IP (<c>OS-EXT-IPS:type</c> = <c>floating</c>), false for a fixed one.</param>
public sealed record ServerAddress(string Network, string Address, int Version, bool IsFloating);
