using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Crd.Simulator.Config;

// crd-sim benchmark: starts crd-sim (Release build given as argument), seeds N servers, then drives
// an open-loop load at a fixed rate and prints throughput and latency percentiles.
// Usage: SimBench <path/to/crd-sim.dll> [--servers 2000] [--rate 200] [--seconds 20]
var argsList = args.ToList();
string Arg(string name, string fallback) => argsList.IndexOf(name) is var i and >= 0 && i + 1 < argsList.Count ? argsList[i + 1] : fallback;
if (argsList.Count == 0 || !File.Exists(argsList[0]))
{
    Console.Error.WriteLine("usage: SimBench <crd-sim.dll> [--servers N] [--rate R] [--seconds S]");
    return 2;
}
var servers = int.Parse(Arg("--servers", "2000"), CultureInfo.InvariantCulture);
var rate = double.Parse(Arg("--rate", "200"), CultureInfo.InvariantCulture);
var seconds = double.Parse(Arg("--seconds", "20"), CultureInfo.InvariantCulture);

var data = Path.Combine(Path.GetTempPath(), "crd-sim-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(data);
var config = DefaultFederation.Create();
config.Instant = true;
var toulouse = config.Site("toulouse")!;
toulouse.Capacity.Vcpus = 1_000_000;
toulouse.Capacity.RamGb = 10_000_000;
toulouse.PrivateCidr = "10.0.0.0/16";
config.Save(Path.Combine(data, "crd-sim.json"));

var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
foreach (var a in new[] { argsList[0], "up", "--data", data, "--port", "0" })
{
    start.ArgumentList.Add(a);
}
using var sim = Process.Start(start)!;
string? url = null;
while (await sim.StandardOutput.ReadLineAsync() is { } line)
{
    if (line.StartsWith("crd-sim ready ", StringComparison.Ordinal))
    {
        url = line["crd-sim ready ".Length..].Trim();
        break;
    }
}
_ = sim.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
try
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(url!) };
    var tenant = await (await http.PostAsJsonAsync("/_sim/projects", new JsonObject
    {
        ["site"] = "toulouse",
        ["name"] = "bench",
        ["quota"] = new JsonObject { ["cores"] = -1, ["ramGb"] = -1, ["instances"] = -1, ["ports"] = -1 },
    })).Content.ReadFromJsonAsync<JsonObject>();
    var credential = new JsonObject { ["id"] = tenant!["application_credential_id"]!.DeepClone(), ["secret"] = tenant["application_credential_secret"]!.DeepClone() };
    var auth = await http.PostAsJsonAsync("/sites/toulouse/identity/v3/auth/tokens", new JsonObject
    {
        ["auth"] = new JsonObject
        {
            ["identity"] = new JsonObject { ["methods"] = new JsonArray { "application_credential" }, ["application_credential"] = credential },
        },
    });
    http.DefaultRequestHeaders.Add("X-Auth-Token", auth.Headers.GetValues("X-Subject-Token").First());
    http.DefaultRequestHeaders.Add("OpenStack-API-Version", "compute 2.79");
    const string compute = "/sites/toulouse/compute/v2.1";
    var flavors = (await http.GetFromJsonAsync<JsonObject>(compute + "/flavors"))!["flavors"]!.AsArray();
    var tiny = flavors.First(f => f!["name"]!.GetValue<string>() == "m1.tiny")!["id"]!.GetValue<string>();
    var image = (await http.GetFromJsonAsync<JsonObject>("/sites/toulouse/image/v2/images?name=debian-12"))!["images"]![0]!["id"]!.GetValue<string>();

    var seed = Stopwatch.StartNew();
    var ids = new string[servers];
    await Parallel.ForEachAsync(Enumerable.Range(0, servers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
    {
        var body = new JsonObject { ["server"] = new JsonObject { ["name"] = "bench-" + i, ["flavorRef"] = tiny, ["imageRef"] = image, ["networks"] = "auto" } };
        using var response = await http.PostAsync(compute + "/servers", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        response.EnsureSuccessStatusCode();
        ids[i] = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["server"]!["id"]!.GetValue<string>();
    });
    Console.WriteLine($"seeded {servers} servers in {seed.Elapsed.TotalSeconds:F1} s ({servers / seed.Elapsed.TotalSeconds:F0} creates/s)");

    // Open loop: request i is sent at i/rate seconds whatever the previous answers did.
    var random = new Random(7);
    async Task<(double[] Latencies, int[] Statuses, string[] Kinds, double Elapsed)> RunAsync(int total)
    {
        var latencies = new double[total];
        var statuses = new int[total];
        var kinds = new string[total];
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            var n = i;
            var pick = random.NextDouble();
            var id = ids[random.Next(servers)];
            (string Kind, HttpMethod Method, string Path, string? Body) request = pick switch
            {
                < 0.60 => ("show", HttpMethod.Get, compute + "/servers/" + id, null),
                < 0.75 => ("list?name", HttpMethod.Get, compute + "/servers/detail?name=^bench-" + random.Next(servers) + "$", null),
                < 0.85 => ("flavors", HttpMethod.Get, compute + "/flavors/detail", null),
                _ => ("metadata PUT", HttpMethod.Put, compute + "/servers/" + id + "/metadata/k", "{\"meta\":{\"k\":\"" + n + "\"}}"),
            };
            kinds[n] = request.Kind;
            tasks.Add(Task.Run(async () =>
            {
                var watch = Stopwatch.StartNew();
                using var message = new HttpRequestMessage(request.Method, request.Path);
                if (request.Body is not null)
                {
                    message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
                }
                using var response = await http.SendAsync(message);
                await response.Content.ReadAsByteArrayAsync();
                latencies[n] = watch.Elapsed.TotalMilliseconds;
                statuses[n] = (int)response.StatusCode;
            }));
        }
        await Task.WhenAll(tasks);
        return (latencies, statuses, kinds, clock.Elapsed.TotalSeconds);
    }

    // Warm-up (JIT tiering, connection pool), not measured.
    await RunAsync((int)(rate * Math.Min(3, seconds)));
    var total = (int)(rate * seconds);
    var (latencies, statuses, kinds, elapsed) = await RunAsync(total);
    double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
    var errors = statuses.Count(s => s >= 400);
    Console.WriteLine($"load: {total} requests in {elapsed:F1} s = {total / elapsed:F0} req/s (target {rate}), errors {errors}, holding {servers} servers");
    Console.WriteLine($"latency ms: p50 {Percentile(latencies, 0.50):F1}  p95 {Percentile(latencies, 0.95):F1}  p99 {Percentile(latencies, 0.99):F1}  max {latencies.Max():F1}");
    foreach (var group in Enumerable.Range(0, total).GroupBy(i => kinds[i]).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"  {group.Key,-14} n={group.Count(),5}  p50 {Percentile(group.Select(i => latencies[i]), 0.5):F1}  p99 {Percentile(group.Select(i => latencies[i]), 0.99):F1}");
    }
    var p99 = Percentile(latencies, 0.99);
    Console.WriteLine(p99 < 50 && errors == 0 ? "PASS: p99 < 50 ms" : "FAIL: p99 >= 50 ms or errors");
    return p99 < 50 && errors == 0 ? 0 : 1;
}
finally
{
    sim.Kill(entireProcessTree: true);
    await sim.WaitForExitAsync();
    Directory.Delete(data, recursive: true);
}
