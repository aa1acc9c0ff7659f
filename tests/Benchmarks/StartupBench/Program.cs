using System.Diagnostics;
using System.Globalization;
using Crd.Terraform.Testing.Transport;

namespace Crd.Benchmarks.StartupBench;

/// <summary>
/// Usage: StartupBench --exe PATH [--baseline PATH] [--compare PATH] [--runs 30] [--warmup 2] [--plaintext]
/// Launches the provider as Terraform does (environment, AutoMTLS) and measures process start ->
/// handshake line, start -> first health Check answered over the pinned-mTLS socket, and start ->
/// first GetProviderSchema (GetSchema on protocol 5) answered. With --baseline (a Go go-plugin
/// server, tests/Benchmarks/GoPluginServer) the two are launched alternately in the same run and
/// the ratio of medians ours/baseline is printed; the baseline serves no tfplugin, so it gets the
/// health probe only. --compare adds a second provider of ours (e.g. the Grpc.AspNetCore spike,
/// tests/Benchmarks/GrpcAspNetCoreSpike) to the same alternation, with its ratios to both.
/// Requests are empty protobuf messages: a bare five-byte prefix.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        string? exe = null;
        string? baseline = null;
        string? compare = null;
        var runs = 30;
        var warmup = 2;
        var tls = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--exe": exe = args[++i]; break;
                case "--baseline": baseline = args[++i]; break;
                case "--compare": compare = args[++i]; break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--plaintext": tls = false; break;
                default:
                    await Console.Error.WriteLineAsync($"unknown argument {args[i]}");
                    return 2;
            }
        }

        if (exe is null || !File.Exists(exe) || (baseline is not null && !File.Exists(baseline)) || (compare is not null && !File.Exists(compare)))
        {
            await Console.Error.WriteLineAsync("--exe PATH to a provider executable is required (and --baseline PATH must exist when given)");
            return 2;
        }

        var ours = new Samples();
        var oursSchema = new Samples();
        var theirs = new Samples();
        var other = new Samples();
        var otherSchema = new Samples();
        for (var run = 0; run < warmup + runs; run++)
        {
            var keep = run >= warmup;
            await MeasureAsync(exe, "health", tls, keep ? ours : null);
            if (baseline is not null)
            {
                await MeasureAsync(baseline, "health", tls, keep ? theirs : null);
            }

            await MeasureAsync(exe, "schema", tls, keep ? oursSchema : null);
            if (compare is not null)
            {
                await MeasureAsync(compare, "health", tls, keep ? other : null);
                await MeasureAsync(compare, "schema", tls, keep ? otherSchema : null);
            }
        }

        Console.WriteLine($"provider: {exe}");
        Console.WriteLine($"baseline: {baseline ?? "none (Go or go-plugin absent: our figures alone)"}");
        Console.WriteLine($"runs: {runs} each, alternating (after {warmup} warm-up), transport: {(tls ? "AutoMTLS" : "plaintext")}");
        Report("ours: start -> handshake line", ours.Handshake);
        Report("ours: start -> first health answered", ours.FirstCall);
        Report("ours: start -> first schema answered", oursSchema.FirstCall);
        // CPU time used by the provider (user+system, 10 ms ticks): unlike wall time, it hardly
        // depends on what else the machine is doing.
        Report("ours: CPU at first health", ours.Cpu);
        Report("ours: CPU at first schema", oursSchema.Cpu);
        if (baseline is not null)
        {
            Report("go-plugin: start -> handshake line", theirs.Handshake);
            Report("go-plugin: start -> first health answered", theirs.FirstCall);
            Report("go-plugin: CPU at first health", theirs.Cpu);
            Ratio("ratio ours/go-plugin, handshake line", ours.Handshake, theirs.Handshake);
            Ratio("ratio ours/go-plugin, first health", ours.FirstCall, theirs.FirstCall);
        }

        if (compare is not null)
        {
            Console.WriteLine($"compare: {compare}");
            Report("compare: start -> handshake line", other.Handshake);
            Report("compare: start -> first health answered", other.FirstCall);
            Report("compare: start -> first schema answered", otherSchema.FirstCall);
            Report("compare: CPU at first health", other.Cpu);
            Report("compare: CPU at first schema", otherSchema.Cpu);
            Ratio("ratio compare/ours, handshake line", other.Handshake, ours.Handshake, target: false);
            Ratio("ratio compare/ours, first health", other.FirstCall, ours.FirstCall, target: false);
            if (baseline is not null)
            {
                Ratio("ratio compare/go-plugin, handshake line", other.Handshake, theirs.Handshake);
                Ratio("ratio compare/go-plugin, first health", other.FirstCall, theirs.FirstCall);
            }
        }

        return 0;
    }

    private static async Task MeasureAsync(string exe, string probe, bool tls, Samples? into)
    {
        var options = new PluginLaunchOptions
        {
            ExecutablePath = exe,
            UseTls = tls,
            Environment = new Dictionary<string, string?> { ["TF_LOG"] = null, ["TF_LOG_PROVIDER"] = null },
        };
        await using var plugin = await PluginProcess.StartAsync(options, CancellationToken.None);
        await ProbeAsync(plugin, probe);
        var total = Stopwatch.GetElapsedTime(plugin.StartTimestamp);
        var cpu = ProcessCpuMilliseconds(plugin.ProcessId);
        await plugin.ShutdownAsync(CancellationToken.None);
        into?.Handshake.Add(plugin.TimeToHandshake.TotalMilliseconds);
        into?.FirstCall.Add(total.TotalMilliseconds);
        into?.Cpu.Add(cpu);
    }

    private static async Task ProbeAsync(PluginProcess plugin, string probe)
    {
        var path = probe switch
        {
            "health" => "/grpc.health.v1.Health/Check",
            "schema" => plugin.ProtocolVersion == 6 ? "/tfplugin6.Provider/GetProviderSchema" : "/tfplugin5.Provider/GetSchema",
            _ => throw new ArgumentException($"unknown probe {probe}"),
        };

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
            $"{label,-44} median {Percentile(samples, 0.5),7:F1} ms   p90 {Percentile(samples, 0.9),7:F1} ms   min {samples[0],7:F1} ms   max {samples[^1],7:F1} ms"));
    }

    private static void Ratio(string label, List<double> ours, List<double> theirs, bool target = true)
    {
        var median = Percentile(ours, 0.5) / Percentile(theirs, 0.5);
        var p90 = Percentile(ours, 0.9) / Percentile(theirs, 0.9);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-44} median {median,5:F2}   p90 {p90,5:F2}{(target ? "   (target: median <= 0.80)" : string.Empty)}"));
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    private sealed class Samples
    {
        public List<double> Handshake { get; } = [];

        public List<double> FirstCall { get; } = [];

        public List<double> Cpu { get; } = [];
    }
}
