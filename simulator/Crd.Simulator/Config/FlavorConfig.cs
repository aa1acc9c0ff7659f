namespace Crd.Simulator.Config;

/// <summary>A Nova flavor.</summary>
public sealed class FlavorConfig
{
    /// <summary>Name, e.g. <c>m1.small</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Virtual CPUs.</summary>
    public int Vcpus { get; set; }

    /// <summary>Memory in GiB (Nova reports MiB).</summary>
    public int RamGb { get; set; }

    /// <summary>Root disk in GB.</summary>
    public int DiskGb { get; set; } = 20;

    /// <summary>GPUs (reported as the extra spec <c>resources:VGPU</c>).</summary>
    public int Gpus { get; set; }
}
