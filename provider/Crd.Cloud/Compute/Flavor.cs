namespace Crd.Cloud.Compute;

/// <summary>A Nova flavor.</summary>
/// <param name="Id">Flavor id.</param>
/// <param name="Name">Flavor name.</param>
/// <param name="Vcpus">Virtual CPUs.</param>
/// <param name="RamMb">RAM in MiB (Nova's unit).</param>
/// <param name="DiskGb">Root disk in GB.</param>
public sealed record Flavor(string Id, string Name, int Vcpus, long RamMb, long DiskGb);
