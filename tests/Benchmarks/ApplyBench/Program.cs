using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;

namespace Crd.Benchmarks.ApplyBench;

/// <summary>
/// Usage: ApplyBench --provider PATH [--vms 200] [--build-seconds 2] [--parallelism 10]
/// [--flavor m1.tiny] [--image ubuntu-24.04] [--instant]
/// Starts crd-sim with six compute sites (the default federation plus <c>lille</c>; with
/// <c>--instant</c> the default five, no asynchronous delay, 1,000 VMs by default), one fresh
/// tenant per site, then apply, plan (refresh) and destroy of <c>--vms</c> crd_vm spread round-robin
/// over the sites, through the Terraform-faithful harness. Prints figures, never asserts;
/// <c>--vms 0</c> runs the same steps with an empty configuration (a smoke test of the bench).
/// </summary>
internal static class Program
{
    private const string ExtraSite = "lille";

    private static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            return 2;
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (start)");

        var configFile = Path.Combine(Path.GetTempPath(), $"crd-sim-apply-bench-{Guid.NewGuid():N}.json");
        var sites = WriteFederation(configFile, extraSite: !options.Instant);
        options = options with { Sites = sites.Count };
        await using var sim = options.Instant
            ? await CrdSim.StartAsync("--config", configFile, "--instant")
            : await CrdSim.StartAsync("--config", configFile, "--build-seconds", options.BuildSeconds.ToString(CultureInfo.InvariantCulture));
        File.Delete(configFile);
        var quota = new JsonObject
        {
            ["instances"] = 2000, ["cores"] = 4000, ["ramGb"] = 16000, ["ports"] = 4000,
            ["volumes"] = 1000, ["storageGb"] = 100000, ["floatingIps"] = 100,
        };
        var tenants = new List<SimTenant>();
        foreach (var site in sites)
        {
            tenants.Add(await sim.CreateTenantAsync(site, quota, "apply-bench-" + site));
        }

        var config = new TerraformConfiguration
        {
            Provider = CrdSim.ProviderBlock([.. tenants]),
            Resources = [.. Enumerable.Range(0, options.Vms).Select(i => new ResourceConfig("crd_vm", $"vm{i:D3}", new Dictionary<string, object?>
            {
                ["name"] = $"bench-{i:D3}",
                ["site"] = sites[i % sites.Count],
                ["flavor"] = options.Flavor,
                ["image"] = options.Image,
            }))],
        };
        var memory = new ProviderMemory();
        var harness = new TerraformHarness(new HarnessOptions
        {
            ProviderExecutable = options.Provider,
            Parallelism = options.Parallelism,
            ProviderStopping = memory.OnStopping,
            Environment = new Dictionary<string, string?> { ["TF_LOG"] = null, ["TF_LOG_PROVIDER"] = null },
        });
        Console.WriteLine($"crd-sim {sim.BaseUrl}: {sites.Count} compute sites ({string.Join(", ", sites)}), {(options.Instant ? "--instant" : $"build {options.BuildSeconds} s")}; " +
            $"{options.Vms} crd_vm ({options.Flavor}, {options.Image}), parallelism {options.Parallelism}");
        Console.WriteLine($"provider: {options.Provider}");

        var phases = new List<PhaseResult>();
        try
        {
            phases.Add(await MeasureAsync(sim, memory, "create", "terraform apply", () => harness.ApplyAsync(config, cancel.Token)));
            Console.WriteLine("  servers per site: " + await ServersPerSiteAsync(sim, tenants));
            TerraformPlan? refreshPlan = null;
            phases.Add(await MeasureAsync(sim, memory, "refresh", "terraform plan", async () => refreshPlan = await harness.PlanAsync(config, cancel.Token)));
            Console.WriteLine($"  changes planned after refresh: {refreshPlan!.Effective.Count()}");
            phases.Add(await MeasureAsync(sim, memory, "destroy", "terraform destroy", () => harness.DestroyAsync(config, cancel.Token)));
            Console.WriteLine("  servers left per site: " + await ServersPerSiteAsync(sim, tenants));
        }
        catch (Exception ex) when (ex is TerraformCommandException or TerraformRuleViolationException or OperationCanceledException)
        {
            Console.WriteLine($"FAILED in phase {memory.Phase}: {ex.Message}");
            Report(options, phases, memory);
            return 1;
        }

        Report(options, phases, memory);
        Console.WriteLine($"machine: load average {LoadAverage()} (end)");
        return 0;
    }

    private static List<string> WriteFederation(string path, bool extraSite)
    {
        var config = DefaultFederation.Create();
        if (!extraSite)
        {
            config.Save(path);
            return [.. config.Sites.Where(s => s.Offers("compute")).Select(s => s.Name)];
        }

        var template = config.Site("reims") ?? throw new InvalidOperationException("the default federation has no reims");
        // A deep copy of an existing compute site (flavors, images, volume types) under a new name:
        // the configuration file replaces the default federation, it does not extend it.
        var extra = JsonSerializer.Deserialize<SiteConfig>(JsonSerializer.Serialize(template, SimConfig.FileOptions), SimConfig.FileOptions)!;
        extra.Name = ExtraSite;
        config.Sites.Insert(config.Sites.IndexOf(template) + 1, extra);
        config.Save(path);
        return [.. config.Sites.Where(s => s.Offers("compute")).Select(s => s.Name)];
    }

    private static async Task<PhaseResult> MeasureAsync(CrdSim sim, ProviderMemory memory, string phase, string command, Func<Task> action)
    {
        memory.Phase = phase;
        await sim.ResetStatsAsync();
        var clock = Stopwatch.StartNew();
        await action();
        clock.Stop();
        var stats = await sim.StatsAsync();
        Console.WriteLine($"{command}: {clock.Elapsed.TotalSeconds:F1} s, {stats["total"]} requests to crd-sim, " +
            $"provider peak RSS {memory.PeakKib(phase) / 1024.0:F1} MiB");
        return new PhaseResult(phase, clock.Elapsed, stats);
    }

    private static async Task<string> ServersPerSiteAsync(CrdSim sim, IReadOnlyList<SimTenant> tenants)
    {
        var counts = new List<string>();
        foreach (var tenant in tenants)
        {
            counts.Add($"{tenant.Site} {(await sim.ListObjectsAsync("compute.servers", tenant)).Count}");
        }

        return string.Join(", ", counts);
    }

    private static void Report(BenchOptions options, IReadOnlyList<PhaseResult> phases, ProviderMemory memory)
    {
        Console.WriteLine();
        Console.WriteLine("== results");
        var vms = options.Vms;
        if (phases.FirstOrDefault(p => p.Phase == "create") is { } instantCreate && options.Instant)
        {
            var destroyPhase = phases.FirstOrDefault(p => p.Phase == "destroy");
            Console.WriteLine($"(a) --instant: apply {instantCreate.Elapsed.TotalSeconds:F1} s, destroy {destroyPhase?.Elapsed.TotalSeconds:F1} s" +
                (destroyPhase is null ? "" : $" -> destroy/apply {destroyPhase.Elapsed.TotalSeconds / instantCreate.Elapsed.TotalSeconds:F2} (target <= 1.0) {Verdict(destroyPhase.Elapsed <= instantCreate.Elapsed)}"));
        }
        else if (phases.FirstOrDefault(p => p.Phase == "create") is { } create)
        {
            var ideal = Math.Ceiling(vms / (double)options.Parallelism) * options.BuildSeconds;
            if (ideal > 0)
            {
                var ratio = create.Elapsed.TotalSeconds / ideal;
                Console.WriteLine($"(a) apply wall time {create.Elapsed.TotalSeconds:F1} s / ideal ceil({vms}/{options.Parallelism}) * {options.BuildSeconds} s = {ideal:F1} s" +
                    $" -> ratio {ratio:F2} (target <= 1.2) {Verdict(ratio <= 1.2)}");
            }
            else
            {
                Console.WriteLine($"(a) apply wall time {create.Elapsed.TotalSeconds:F1} s (no VMs: no ideal)");
            }
        }

        Console.WriteLine("(b) HTTP requests to crd-sim per VM (counted by crd-sim, retries and authentication included);");
        Console.WriteLine($"    \"fixed\" = routes hit at most once per site and provider process ({options.Sites} sites: authentication, flavor list...), which do not grow with the VMs:");
        foreach (var phase in phases)
        {
            var total = phase.Stats["total"]!.GetValue<long>();
            var routes = (phase.Stats["by_route"] as JsonObject ?? []).Select(kv => (Route: kv.Key, Count: kv.Value!.GetValue<long>())).ToList();
            // apply and destroy run two provider processes (plan, then apply), each with its own sessions.
            var fixedLimit = options.Sites * Math.Max(1, memory.Samples.Count(s => s.Phase == phase.Phase));
            var fixedCost = routes.Where(r => r.Count <= fixedLimit).Sum(r => r.Count);
            var perVm = vms > 0 ? (total / (double)vms).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
            var perVmVariable = vms > 0 ? ((total - fixedCost) / (double)vms).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
            var verdict = phase.Phase == "refresh" && vms > 0
                ? $" -- target <= 1 per VM: {Verdict((total - fixedCost) / (double)vms <= 1.0)} (fixed requests aside; {Verdict(total / (double)vms <= 1.0)} counting them)"
                : "";
            Console.WriteLine($"    {phase.Phase,-8} {perVm} per VM in all ({total}); {perVmVariable} per VM without the {fixedCost} fixed{verdict}");
            foreach (var (route, count) in routes.OrderByDescending(r => r.Count))
            {
                Console.WriteLine($"             {count,6}  {route}{(count <= fixedLimit ? "  (fixed)" : "")}");
            }
        }

        var peakMib = memory.PeakKib() / 1024.0;
        var memoryTarget = options.Instant ? 60 : 80;
        Console.WriteLine($"(c) provider peak RSS (VmHWM, largest of {memory.Samples.Count} provider processes): {peakMib:F1} MiB (target <= {memoryTarget}) {Verdict(peakMib <= memoryTarget)}");
        foreach (var group in memory.Samples.GroupBy(s => s.Phase))
        {
            Console.WriteLine($"    {group.Key,-8} " + string.Join(", ", group.Select(s => $"pid {s.Pid} {s.PeakKib / 1024.0:F1} MiB {s.CpuSeconds:F2} s CPU")));
        }

        if (vms > 0)
        {
            foreach (var phase in phases)
            {
                var perVm = 1000 * memory.CpuSeconds(phase.Phase) / vms;
                var verdict = phase.Phase == "create" ? $" (target <= 2 ms per VM created) {Verdict(perVm <= 2)}" : "";
                Console.WriteLine($"(d) provider CPU {phase.Phase,-8} {memory.CpuSeconds(phase.Phase):F2} s = {perVm:F2} ms per VM{verdict}");
            }
        }
    }

    private static string Verdict(bool pass) => pass ? "PASS" : "MISS";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private sealed record PhaseResult(string Phase, TimeSpan Elapsed, JsonObject Stats);
}
