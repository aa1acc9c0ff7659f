using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace Crd.Simulator.Testing;

/// <summary>
/// A real crd-sim process on a free port with its own temporary data directory, for tests of
/// Crd.Cloud and of the provider. Tests reach it over HTTP only, like the provider does; the
/// admin API (<c>/_sim</c>) creates isolated tenants, injects faults, moves the clock and changes
/// objects behind the provider's back.
/// </summary>
public sealed class CrdSim : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr;
    private int _tenants;

    private CrdSim(Process process, string dataDirectory, string baseUrl, StringBuilder stderr)
    {
        _process = process;
        DataDirectory = dataDirectory;
        BaseUrl = baseUrl;
        _stderr = stderr;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Data directory (deleted on dispose).</summary>
    public string DataDirectory { get; }

    /// <summary>Plain client on <see cref="BaseUrl"/> (admin calls, direct API calls in tests).</summary>
    public HttpClient Http { get; }

    /// <summary>The crd-sim entry assembly: <c>CRD_SIM_PATH</c>, else the simulator's build output.</summary>
    public static string Executable
    {
        get
        {
            if (Environment.GetEnvironmentVariable("CRD_SIM_PATH") is { Length: > 0 } path)
            {
                return path;
            }

            var directory = typeof(CrdSim).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SimulatorDirectory").Value!;
            var dll = Path.Combine(directory, "crd-sim.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"crd-sim not built: {dll}");
        }
    }

    /// <summary>Starts <c>crd-sim up --port 0</c> with <paramref name="extraArgs"/> (<c>--instant</c>, <c>--build-seconds 1</c>...) and waits until ready.</summary>
    public static async Task<CrdSim> StartAsync(params string[] extraArgs)
    {
        var data = Path.Combine(Path.GetTempPath(), "crd-sim-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        var executable = Executable;
        var start = new ProcessStartInfo(executable.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (executable.EndsWith(".dll", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(executable);
        }

        foreach (var arg in new[] { "up", "--data", data, "--port", "0" }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start crd-sim");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new InvalidOperationException("crd-sim exited before it was ready: " + stderr);
            }

            if (line.StartsWith("crd-sim ready ", StringComparison.Ordinal))
            {
                // Keep draining stdout so that the child never blocks on a full pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                return new CrdSim(process, data, line["crd-sim ready ".Length..].Trim(), stderr);
            }
        }
    }

    /// <summary>Creates a fresh project with its own credential on <paramref name="site"/>; <paramref name="quota"/> overrides limits (<c>{"cores": 4}</c>).</summary>
    public async Task<SimTenant> CreateTenantAsync(string site = "toulouse", JsonObject? quota = null, string? name = null)
    {
        var body = new JsonObject { ["site"] = site, ["name"] = name ?? $"test-{Interlocked.Increment(ref _tenants)}-{Guid.NewGuid().ToString("N")[..6]}" };
        if (quota is not null)
        {
            body["quota"] = quota.DeepClone(); // callers may reuse one quota object for several tenants
        }

        var answer = await SendAsync(HttpMethod.Post, "/_sim/projects", body);
        return new SimTenant(
            site,
            answer["project_id"]!.GetValue<string>(),
            answer["project_name"]!.GetValue<string>(),
            answer["auth_url"]!.GetValue<string>(),
            answer["region"]?.GetValue<string>() ?? "RegionOne",
            answer["application_credential_id"]!.GetValue<string>(),
            answer["application_credential_secret"]!.GetValue<string>());
    }

    /// <summary>A provider block (harness dictionary) with one site per tenant; the first is the default site.</summary>
    public static Dictionary<string, object?> ProviderBlock(params SimTenant[] tenants) => new()
    {
        ["default_site"] = tenants[0].Site,
        ["site"] = tenants.Select(t => t.ToSiteBlock()).ToArray(),
    };

    /// <summary>Replaces every fault rule (<c>PUT /_sim/faults</c>); see the simulator README for the rule fields.</summary>
    public Task SetFaultsAsync(JsonArray rules) => SendAsync(HttpMethod.Put, "/_sim/faults", new JsonObject { ["faults"] = rules });

    /// <summary>Removes every fault rule.</summary>
    public Task ClearFaultsAsync() => SendAsync(HttpMethod.Delete, "/_sim/faults", null);

    /// <summary>Moves the simulated clock forward (token expiry, slow transitions).</summary>
    public Task AdvanceClockAsync(double seconds) => SendAsync(HttpMethod.Post, "/_sim/clock/advance", new JsonObject { ["seconds"] = seconds });

    /// <summary>Objects of a collection (<c>compute.servers</c>, <c>volume.volumes</c>...), optionally of one site.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListObjectsAsync(string collection, string? site = null)
    {
        var answer = await SendAsync(HttpMethod.Get, $"/_sim/objects/{collection}{(site is null ? "" : "?site=" + Uri.EscapeDataString(site))}", null);
        return [.. (answer[collection] as JsonArray ?? []).OfType<JsonObject>()];
    }

    /// <summary>Objects of a collection that belong to <paramref name="tenant"/>.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListObjectsAsync(string collection, SimTenant tenant) =>
        [.. (await ListObjectsAsync(collection, tenant.Site)).Where(o => o["ProjectId"]?.GetValue<string>() == tenant.ProjectId)];

    /// <summary>Changes fields of an object behind the provider's back (drift); members merge case-insensitively.</summary>
    public Task PatchObjectAsync(string collection, string id, JsonObject patch) => SendAsync(HttpMethod.Patch, $"/_sim/objects/{collection}/{id}", patch);

    /// <summary>Deletes an object behind the provider's back (drift).</summary>
    public Task DeleteObjectAsync(string collection, string id) => SendAsync(HttpMethod.Delete, $"/_sim/objects/{collection}/{id}", null);

    /// <summary>
    /// Requests crd-sim received since start or the last <see cref="ResetStatsAsync"/>
    /// (<c>GET /_sim/stats</c>: <c>total</c>, <c>by_service</c>, <c>by_site</c>, <c>by_method</c>, <c>by_outcome</c>).
    /// </summary>
    public Task<JsonObject> StatsAsync() => SendAsync(HttpMethod.Get, "/_sim/stats", null);

    /// <summary>Counts requests from zero again (<c>DELETE /_sim/stats</c>).</summary>
    public Task ResetStatsAsync() => SendAsync(HttpMethod.Delete, "/_sim/stats", null);

    /// <summary>The configuration in force (<c>GET /_sim/config</c>), e.g. to derive a bigger federation from it.</summary>
    public Task<JsonObject> ConfigAsync() => SendAsync(HttpMethod.Get, "/_sim/config", null);

    /// <summary>Names of the object collections crd-sim knows.</summary>
    public async Task<JsonObject> StateAsync() => await SendAsync(HttpMethod.Get, "/_sim/state", null);

    /// <summary>What crd-sim printed on stderr (for failure messages).</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Stops the process and removes the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"crd-sim {method} {path}: {(int)response.StatusCode} {text}");
        }

        return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["value"] = JsonNode.Parse(text) };
    }
}
