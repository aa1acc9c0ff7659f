using System.Globalization;

namespace Crd.Benchmarks.ApplyBench;

/// <summary>Command-line options of the apply benchmark.</summary>
internal sealed record BenchOptions(string Provider, int Vms, double BuildSeconds, int Parallelism, string Flavor, string Image, bool Instant)
{
    /// <summary>Compute sites of the federation (set once crd-sim's configuration is written).</summary>
    public int Sites { get; init; } = 1;

    /// <summary>Parses the arguments, or prints the usage and returns null.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        string? provider = null;
        int? vms = null;
        var instant = false;
        var build = 2.0;
        var parallelism = 10;
        var flavor = "m1.tiny";
        var image = "ubuntu-24.04";
        var inv = CultureInfo.InvariantCulture;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--provider" when value is not null: provider = value; i++; break;
                case "--vms" when value is not null: vms = int.Parse(value, inv); i++; break;
                case "--build-seconds" when value is not null: build = double.Parse(value, inv); i++; break;
                case "--parallelism" when value is not null: parallelism = int.Parse(value, inv); i++; break;
                case "--flavor" when value is not null: flavor = value; i++; break;
                case "--image" when value is not null: image = value; i++; break;
                case "--instant": instant = true; break;
                default:
                    Console.Error.WriteLine($"ApplyBench: unexpected argument {args[i]}");
                    return Usage();
            }
        }

        if (provider is null || !File.Exists(provider))
        {
            Console.Error.WriteLine("ApplyBench: --provider PATH to the terraform-provider-crd executable is required");
            return Usage();
        }

        // --instant: 1,000 VMs on the five compute sites of the default federation, no build time.
        return new BenchOptions(provider, vms ?? (instant ? 1000 : 200), build, parallelism, flavor, image, instant);
    }

    private static BenchOptions? Usage()
    {
        Console.Error.WriteLine("usage: ApplyBench --provider PATH [--vms 200] [--build-seconds 2] [--parallelism 10] [--flavor m1.tiny] [--image ubuntu-24.04] [--instant]");
        return null;
    }
}
