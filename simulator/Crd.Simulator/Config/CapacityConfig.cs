namespace Crd.Simulator.Config;

/// <summary>Physical capacity of a site, shared by all its projects.</summary>
public sealed class CapacityConfig
{
    /// <summary>vCPUs of all hypervisors together.</summary>
    public int Vcpus { get; set; } = 512;

    /// <summary>RAM of all hypervisors in GB.</summary>
    public int RamGb { get; set; } = 2048;

    /// <summary>Block storage in GB.</summary>
    public int StorageGb { get; set; } = 50_000;

    /// <summary>Size of the Oneprovider's <c>posix</c> storage in GiB (Onedata sites): space supports must fit in it.</summary>
    public int OnedataStorageGb { get; set; } = 10_000;

    /// <summary>GPUs.</summary>
    public int Gpus { get; set; }
}
