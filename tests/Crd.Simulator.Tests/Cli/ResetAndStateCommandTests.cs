using System.Diagnostics;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Cli;

public sealed class ResetAndStateCommandTests
{
    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SimProcess.Executable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task Reset_RunningSimulator_DropsCreatedObjects()
    {
        await using var sim = await SimProcess.StartAsync(null, null, "--instant");
        var session = await sim.Client.NewSessionAsync("paris");
        var id = await session.CreateServerAsync("temporary");

        var (exit, output) = await RunAsync("reset", "--data", sim.DataDirectory);

        Assert.Equal(0, exit);
        Assert.Contains("reset", output, StringComparison.Ordinal);
        var state = (await sim.Client.GetAsync("/_sim/state")).AssertStatus(200).Json!;
        Assert.Null(state["objects"]!["compute.servers"]?[id]);
        Assert.NotNull(state["objects"]!["identity.projects"]);
    }

    [Fact]
    public async Task State_StoppedSimulator_PrintsObjectsOffline()
    {
        var data = Path.Combine(Path.GetTempPath(), "crd-sim-offline-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (exit, output) = await RunAsync("state", "--data", data);

            Assert.Equal(0, exit);
            Assert.Contains("\"compute.flavors\"", output, StringComparison.Ordinal);
            Assert.Contains("m1.xlarge", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Up_InvalidFault_ExitsWithOneLineError()
    {
        var data = Path.Combine(Path.GetTempPath(), "crd-sim-bad-" + Guid.NewGuid().ToString("N")[..8]);
        var (exit, output) = await RunAsync("up", "--data", data, "--port", "0", "--fault", "kind=explode");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        Assert.Equal(2, exit);
        Assert.Contains("unknown fault kind 'explode'", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }
}
