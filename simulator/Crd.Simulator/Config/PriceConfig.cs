namespace Crd.Simulator.Config;

/// <summary>Indicative prices in euros (teaching aid: what would this cost?).</summary>
public sealed class PriceConfig
{
    /// <summary>Per vCPU hour.</summary>
    public decimal VcpuHour { get; set; } = 0.01m;

    /// <summary>Per GB of RAM and hour.</summary>
    public decimal RamGbHour { get; set; } = 0.005m;

    /// <summary>Per GPU hour.</summary>
    public decimal GpuHour { get; set; } = 0.5m;

    /// <summary>Per GB of volume and month.</summary>
    public decimal StorageGbMonth { get; set; } = 0.02m;

    /// <summary>Per floating IP and hour.</summary>
    public decimal FloatingIpHour { get; set; } = 0.002m;
}
