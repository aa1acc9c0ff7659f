using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Faults;
using Crd.Simulator.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crd.Simulator.Cli;

/// <summary>The <c>crd-sim</c> command line: <c>up</c>, <c>reset</c>, <c>state</c>.</summary>
public static class SimCli
{
    private static readonly Option<string> DataOption = new("--data")
    {
        Description = "Data directory (state, config, clouds.yaml). Default: $CRD_SIM_DATA or ~/.crd-sim",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CRD_SIM_DATA")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".crd-sim"),
    };

    private static readonly Option<string?> UrlOption = new("--url")
    {
        Description = "URL of a running simulator (default: the one recorded in the data directory, if it answers)",
    };

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("crd-sim: a local, persistent simulator of the CRD research-cloud federation");
        root.Subcommands.Add(BuildUp());
        var reset = new Command("reset", "Reset the state to the default federation (keeps the config)") { DataOption, UrlOption };
        reset.SetAction((result, token) => GuardedAsync(() => ResetAsync(result.GetValue(DataOption)!, result.GetValue(UrlOption), token)));
        root.Subcommands.Add(reset);
        var state = new Command("state", "Print the whole state as JSON") { DataOption, UrlOption };
        state.SetAction((result, token) => GuardedAsync(() => StateAsync(result.GetValue(DataOption)!, result.GetValue(UrlOption), token)));
        root.Subcommands.Add(state);
        return root;
    }

    private static Command BuildUp()
    {
        // CRD_SIM_PORT lets a test run a guide's plain `crd-sim up` on a free port (tests/guides/run.sh).
        var port = new Option<int>("--port")
        {
            Description = "TCP port on 127.0.0.1 (0 = pick a free one). Default: $CRD_SIM_PORT or 8480",
            DefaultValueFactory = _ => int.TryParse(Environment.GetEnvironmentVariable("CRD_SIM_PORT"), out var fromEnvironment)
                && fromEnvironment is >= 0 and <= 65535 ? fromEnvironment : 8480,
        };
        var config = new Option<string?>("--config") { Description = "Configuration file (default: <data>/crd-sim.json, written on first run)" };
        var build = new Option<double?>("--build-seconds") { Description = "Seconds a server stays in BUILD" };
        var lifetime = new Option<int?>("--token-lifetime") { Description = "Keystone token lifetime in seconds" };
        var instant = new Option<bool>("--instant") { Description = "Skip every asynchronous delay" };
        var fault = new Option<string[]>("--fault")
        {
            Description = "Fault rule, e.g. service=compute,method=POST,path=/servers,status=503,rate=0.3 (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var verbose = new Option<bool>("--verbose") { Description = "Log every request to stderr" };
        var up = new Command("up", "Start the simulator and print endpoints, clouds.yaml and a provider block")
        {
            DataOption, port, config, build, lifetime, instant, fault, verbose,
        };
        up.SetAction((result, token) => GuardedAsync(() => UpAsync(new UpOptions(
            result.GetValue(DataOption)!, result.GetValue(port), result.GetValue(config), result.GetValue(build),
            result.GetValue(lifetime), result.GetValue(instant), result.GetValue(fault) ?? [], result.GetValue(verbose)), token)));
        return up;
    }

    private static async Task<int> UpAsync(UpOptions options, CancellationToken cancellationToken)
    {
        var data = Path.GetFullPath(options.Data);
        Directory.CreateDirectory(data);
        SimConfig config;
        try
        {
            config = LoadConfig(data, options.ConfigFile);
            if (options.BuildSeconds is { } build)
            {
                config.BuildSeconds = build;
            }
            if (options.TokenLifetime is { } lifetime)
            {
                config.TokenLifetimeSeconds = lifetime;
            }
            config.Instant |= options.Instant;
            config.Faults.AddRange(options.Faults.Select(FaultRule.Parse));
        }
        catch (Exception ex) when (ex is FormatException or IOException or System.Text.Json.JsonException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync("crd-sim: " + ex.Message);
            return 2;
        }
        using var runtime = new SimRuntime(config, data, SimModules.Create());
        await runtime.InitializeAsync();
        var (app, baseUrl) = await SimHost.StartAsync(runtime, options.Port, options.Verbose ? LogLevel.Information : LogLevel.Warning,
            cancellationToken);
        await using (app)
        {
            var description = new SimDescription(baseUrl);
            foreach (var module in runtime.Modules)
            {
                module.Describe(description, runtime);
            }
            await File.WriteAllTextAsync(Path.Combine(data, "clouds.yaml"), StartupReport.CloudsYaml(description), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(data, "provider.tf"), StartupReport.ProviderBlock(description), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(data, "url"), baseUrl + "\n", cancellationToken);
            Console.Out.Write(StartupReport.Render(description, data));
            Console.Out.WriteLine();
            Console.Out.WriteLine("crd-sim ready " + baseUrl);
            Console.Out.Flush();
            await app.WaitForShutdownAsync(cancellationToken);
        }
        return 0;
    }

    private static SimConfig LoadConfig(string data, string? file)
    {
        if (file is not null)
        {
            return SimConfig.Load(file);
        }
        var path = Path.Combine(data, "crd-sim.json");
        if (File.Exists(path))
        {
            return SimConfig.Load(path);
        }
        var config = DefaultFederation.Create();
        config.Save(path);
        return config;
    }

    private static async Task<int> ResetAsync(string data, string? url, CancellationToken cancellationToken)
    {
        if (await RunningUrlAsync(data, url, cancellationToken) is { } running)
        {
            using var http = new HttpClient();
            (await http.PostAsync(running + "/_sim/reset", null, cancellationToken)).EnsureSuccessStatusCode();
            Console.Out.WriteLine("crd-sim at " + running + " reset");
            return 0;
        }
        using var runtime = OpenOffline(data);
        await runtime.ResetAsync();
        Console.Out.WriteLine("crd-sim state in " + Path.GetFullPath(data) + " reset");
        return 0;
    }

    private static async Task<int> StateAsync(string data, string? url, CancellationToken cancellationToken)
    {
        if (await RunningUrlAsync(data, url, cancellationToken) is { } running)
        {
            using var http = new HttpClient();
            var state = await http.GetFromJsonAsync<JsonObject>(running + "/_sim/state", cancellationToken);
            Console.Out.WriteLine(state?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        using var runtime = OpenOffline(data);
        await runtime.InitializeAsync();
        Console.Out.WriteLine(runtime.Store.Dump().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    // The command line never shows a stack trace: a clear message and a non-zero exit code.
    private static async Task<int> GuardedAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or InvalidDataException
            or System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync("crd-sim: " + ex.Message);
            return 1;
        }
    }

    private static SimRuntime OpenOffline(string data)
    {
        var full = Path.GetFullPath(data);
        Directory.CreateDirectory(full);
        return new SimRuntime(LoadConfig(full, null), full, SimModules.Create());
    }

    private static async Task<string?> RunningUrlAsync(string data, string? url, CancellationToken cancellationToken)
    {
        var file = Path.Combine(data, "url");
        url ??= File.Exists(file) ? (await File.ReadAllTextAsync(file, cancellationToken)).Trim() : null;
        if (url is null)
        {
            return null;
        }
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            using var response = await http.GetAsync(url.TrimEnd('/') + "/_sim/health", cancellationToken);
            return response.IsSuccessStatusCode ? url.TrimEnd('/') : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private sealed record UpOptions(string Data, int Port, string? ConfigFile, double? BuildSeconds, int? TokenLifetime, bool Instant,
        string[] Faults, bool Verbose);
}
