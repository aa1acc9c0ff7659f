using Crd.Simulator.State;

namespace Crd.Simulator.Compute;

/// <summary>A Nova flavor of a site.</summary>
[SimCollection("compute.flavors")]
public sealed class Flavor : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>vCPUs.</summary>
    public int Vcpus { get; set; }

    /// <summary>RAM in MiB.</summary>
    public int RamMb { get; set; }

    /// <summary>Root disk in GB.</summary>
    public int DiskGb { get; set; }

    /// <summary>GPUs.</summary>
    public int Gpus { get; set; }

    /// <summary>Extra specs.</summary>
    public Dictionary<string, string> ExtraSpecs { get; set; } = [];
}
