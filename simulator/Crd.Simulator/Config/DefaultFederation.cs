namespace Crd.Simulator.Config;

/// <summary>The default federation of DESIGN.md §7.1 (docs, examples and tests rely on its names).</summary>
public static class DefaultFederation
{
    /// <summary>A fresh default configuration.</summary>
    public static SimConfig Create() => new()
    {
        Sites =
        [
            Site("toulouse", 768, 3072, gpus: 8, "compute", "volume", "network", "image", "k8s", "onedata"),
            Site("montpellier", 512, 2048, gpus: 0, "compute", "volume", "network", "image", "k8s"),
            Site("strasbourg", 512, 2048, gpus: 0, "compute", "volume", "network", "image", "k8s", "onedata"),
            Site("paris", 384, 1536, gpus: 0, "compute", "volume", "network", "image", "onedata"),
            Site("reims", 256, 1024, gpus: 0, "compute", "volume", "network", "image"),
            Site("brest", 0, 0, gpus: 0, "onedata"),
        ],
    };

    private static SiteConfig Site(string name, int vcpus, int ramGb, int gpus, params string[] services)
    {
        var site = new SiteConfig
        {
            Name = name,
            Services = [.. services],
            Capacity = new CapacityConfig { Vcpus = vcpus, RamGb = ramGb, StorageGb = vcpus * 100, Gpus = gpus },
        };
        if (!site.Offers("compute"))
        {
            return site;
        }
        site.Flavors =
        [
            Flavor("m1.tiny", 1, 1, 10),
            Flavor("m1.small", 1, 2, 20),
            Flavor("m1.medium", 2, 4, 40),
            Flavor("m1.large", 4, 8, 80),
            Flavor("m1.xlarge", 8, 16, 160),
        ];
        if (gpus > 0)
        {
            site.Flavors.Add(new FlavorConfig { Name = "g1.large", Vcpus = 8, RamGb = 64, DiskGb = 160, Gpus = 1 });
        }
        site.Images =
        [
            Image("ubuntu-24.04", "ubuntu", "24.04"),
            Image("debian-12", "debian", "12"),
            Image("rocky-9", "rocky", "9"),
        ];
        if (site.Offers("k8s"))
        {
            var kube = Image("ubuntu-22.04-kube-v1.30", "ubuntu", "22.04");
            kube.Properties["kube_version"] = "v1.30.2";
            kube.MinDiskGb = 20;
            site.Images.Add(kube);
        }
        site.VolumeTypes =
        [
            new VolumeTypeConfig { Name = "nvme", Description = "Hot storage on NVMe (default)" },
            new VolumeTypeConfig { Name = "hdd", Description = "Warm storage on spinning disks" },
        ];
        return site;
    }

    private static FlavorConfig Flavor(string name, int vcpus, int ramGb, int diskGb) =>
        new() { Name = name, Vcpus = vcpus, RamGb = ramGb, DiskGb = diskGb };

    private static ImageConfig Image(string name, string distro, string version) => new()
    {
        Name = name,
        Properties = new Dictionary<string, string> { ["os_distro"] = distro, ["os_version"] = version },
    };
}
