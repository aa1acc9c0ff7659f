using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Crd.Simulator.Tests.Support;

/// <summary>
/// A real crd-sim process on a free port with its own temporary data directory. Tests talk to it
/// over HTTP only, like the provider does.
/// </summary>
public sealed class SimProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SimProcess(Process process, string dataDirectory, string baseUrl, string output)
    {
        _process = process;
        DataDirectory = dataDirectory;
        BaseUrl = baseUrl;
        Output = output;
        Client = new SimClient(baseUrl);
    }

    /// <summary>Data directory (deleted on dispose unless kept).</summary>
    public string DataDirectory { get; }

    /// <summary>Base URL, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; }

    /// <summary>Everything printed on stdout up to and including the ready line.</summary>
    public string Output { get; }

    /// <summary>HTTP client bound to <see cref="BaseUrl"/>.</summary>
    public SimClient Client { get; }

    /// <summary>Process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Path of the crd-sim entry assembly next to the tests.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "crd-sim.dll");

    /// <summary>Starts crd-sim (<c>up --port 0</c>) and waits for its ready line.</summary>
    public static async Task<SimProcess> StartAsync(string? dataDirectory = null, JsonObject? config = null, params string[] extraArgs)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "crd-sim-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);
        if (config is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(dataDirectory, "crd-sim.json"), config.ToJsonString());
        }
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Executable, "up", "--data", dataDirectory, "--port", "0" }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start crd-sim");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        var output = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new InvalidOperationException("crd-sim exited before it was ready: " + output + errors);
            }
            output.AppendLine(line);
            if (line.StartsWith("crd-sim ready ", StringComparison.Ordinal))
            {
                // Keep draining stdout so that the child never blocks on a full pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                return new SimProcess(process, dataDirectory, line["crd-sim ready ".Length..].Trim(), output.ToString());
            }
        }
    }

    /// <summary>SIGKILL: no chance to flush anything.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Stops the process and removes the data directory.</summary>
    public async ValueTask DisposeAsync() => await DisposeAsync(deleteData: true);

    /// <summary>Stops the process; optionally keeps the data directory (for restart tests).</summary>
    public async ValueTask DisposeAsync(bool deleteData)
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (deleteData)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
