using System.Text.Json;
using Crd.Terraform.Plugin.Tests.Support;

namespace Crd.Terraform.Plugin.Tests.Hosting;

/// <summary>Stopping, signals and debug mode, against a real process.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Shutdown_GrpcController_ExitsZeroWithinGoPluginGraceAndRemovesSocket()
    {
        await using var plugin = await PluginTestLaunch.StartAsync();
        await HandshakeTests.HealthAsync(plugin);
        Assert.True(File.Exists(plugin.SocketPath));

        await plugin.ShutdownAsync(CancellationToken.None);

        // go-plugin force-kills a plugin still running 2 s after Shutdown.
        Assert.True(plugin.ExitedWithin(TimeSpan.FromSeconds(2)), "plugin did not exit within 2 s of Shutdown");
        Assert.Equal(0, plugin.ExitCode);
        Assert.False(File.Exists(plugin.SocketPath));
    }

    [Fact]
    public async Task Sigterm_WhileServing_ExitsZeroAndRemovesSocket()
    {
        await using var plugin = await PluginTestLaunch.StartAsync();

        await plugin.SendSignalAsync("TERM", CancellationToken.None);

        Assert.True(await plugin.WaitForExitAsync(PluginTestLaunch.Patience, CancellationToken.None));
        Assert.Equal(0, plugin.ExitCode);
        Assert.False(File.Exists(plugin.SocketPath));
    }

    [Fact]
    public async Task Sigint_WhileServing_IsIgnored()
    {
        await using var plugin = await PluginTestLaunch.StartAsync();

        await plugin.SendSignalAsync("INT", CancellationToken.None);
        await HandshakeTests.HealthAsync(plugin);
        await plugin.SendSignalAsync("INT", CancellationToken.None);

        await HandshakeTests.HealthAsync(plugin);
        Assert.Null(plugin.ExitCode);
    }

    [Fact]
    public async Task DebugMode_NoCookie_PrintsReattachJsonForProtocol6AndStopsOnCtrlC()
    {
        await using var plugin = await PluginTestLaunch.StartAsync(PluginTestLaunch.Options(
            arguments: ["--debug"], setCookie: false, useTls: false, expectHandshake: false));

        string? line = null;
        Assert.True(await PluginTestLaunch.EventuallyAsync(() =>
        {
            line = plugin.ExtraStdoutLines.FirstOrDefault(l => l.Contains("TF_REATTACH_PROVIDERS=", StringComparison.Ordinal));
            return Task.FromResult(line is not null);
        }), "no TF_REATTACH_PROVIDERS line");
        var found = line!;
        var json = found[(found.IndexOf('\'', StringComparison.Ordinal) + 1)..found.LastIndexOf('\'')];
        using var document = JsonDocument.Parse(json);
        var entry = document.RootElement.GetProperty(TestProviderBinary.ProviderAddress);
        Assert.Equal("grpc", entry.GetProperty("Protocol").GetString());
        Assert.Equal(6, entry.GetProperty("ProtocolVersion").GetInt32());
        Assert.True(entry.GetProperty("Test").GetBoolean());
        Assert.Equal(plugin.ProcessId, entry.GetProperty("Pid").GetInt32());
        Assert.Equal("unix", entry.GetProperty("Addr").GetProperty("Network").GetString());
        var socket = entry.GetProperty("Addr").GetProperty("String").GetString()!;
        Assert.True(File.Exists(socket));

        await plugin.SendSignalAsync("INT", CancellationToken.None);

        Assert.True(await plugin.WaitForExitAsync(PluginTestLaunch.Patience, CancellationToken.None));
        Assert.Equal(0, plugin.ExitCode);
        Assert.False(File.Exists(socket));
    }
}
