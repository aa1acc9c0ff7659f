using System.Diagnostics;
using System.Globalization;
using Crd.Terraform.Testing.Transport;

namespace Crd.Benchmarks.StartupBench;

/// <summary>
/// Usage: StartupBench --exe PATH [--runs 30] [--probe health|schema] [--plaintext] [--warmup 2]
/// "schema" sends GetProviderSchema (tfplugin6, or GetSchema on protocol 5) as an empty message,
/// so no generated protocol types are needed.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        string? exe = null;
        var runs = 30;
        var warmup = 2;
        var probe = "health";
        var tls = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--exe": exe = args[++i]; break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--probe": probe = args[++i]; break;
                case "--plaintext": tls = false; break;
                default:
                    await Console.Error.WriteLineAsync($"unknown argument {args[i]}");
                    return 2;
            }
        }

        if (exe is null || !File.Exists(exe))
        {
            await Console.Error.WriteLineAsync("--exe PATH to a provider executable is required");
            return 2;
        }

        var handshake = new List<double>();
        var firstCall = new List<double>();
        var cpuAtHandshake = new List<double>();
        var cpuAtFirstCall = new List<double>();
        for (var run = 0; run < warmup + runs; run++)
        {
            var options = new PluginLaunchOptions
            {
                ExecutablePath = exe,
                UseTls = tls,
                Environment = new Dictionary<string, string?> { ["TF_LOG"] = null, ["TF_LOG_PROVIDER"] = null },
            };
            await using var plugin = await PluginProcess.StartAsync(options, CancellationToken.None);
            var cpuHandshake = ProcessCpuMilliseconds(plugin.ProcessId);
            await ProbeAsync(plugin, probe);
            var total = Stopwatch.GetElapsedTime(plugin.StartTimestamp);
            var cpuFirstCall = ProcessCpuMilliseconds(plugin.ProcessId);
            await plugin.ShutdownAsync(CancellationToken.None);
            if (run >= warmup)
            {
                handshake.Add(plugin.TimeToHandshake.TotalMilliseconds);
                firstCall.Add(total.TotalMilliseconds);
                cpuAtHandshake.Add(cpuHandshake);
                cpuAtFirstCall.Add(cpuFirstCall);
            }
        }

        Console.WriteLine($"provider: {exe}");
        Console.WriteLine($"runs: {runs} (after {warmup} warm-up), transport: {(tls ? "AutoMTLS" : "plaintext")}, probe: {probe}");
        Report("start -> handshake line", handshake);
        Report($"start -> first {probe} answered", firstCall);
        // CPU time used by the provider (user+system, 10 ms ticks): unlike wall time, it hardly
        // depends on what else the machine is doing.
        Report("provider CPU at handshake", cpuAtHandshake);
        Report($"provider CPU at first {probe}", cpuAtFirstCall);
        return 0;
    }

    private static async Task ProbeAsync(PluginProcess plugin, string probe)
    {
        var path = probe switch
        {
            "health" => "/grpc.health.v1.Health/Check",
            "schema" => plugin.ProtocolVersion == 6 ? "/tfplugin6.Provider/GetProviderSchema" : "/tfplugin5.Provider/GetSchema",
            _ => throw new ArgumentException($"unknown probe {probe}"),
        };

        // Every request here is an empty protobuf message: a bare five-byte prefix.
        var response = await plugin.CallRawAsync(path, [new byte[5]], "application/grpc", CancellationToken.None);
        if (response.GrpcStatus != 0)
        {
            throw new InvalidOperationException($"{path} answered grpc-status {response.GrpcStatus}: {response.GrpcMessage}");
        }
    }

    private static double ProcessCpuMilliseconds(int pid)
    {
        // /proc/<pid>/stat: fields 14 and 15 (after the parenthesised command) are utime and stime in clock ticks.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 10.0;
    }

    private static void Report(string label, List<double> samples)
    {
        samples.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-34} median {Percentile(samples, 0.5),7:F1} ms   p90 {Percentile(samples, 0.9),7:F1} ms   min {samples[0],7:F1} ms   max {samples[^1],7:F1} ms"));
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
