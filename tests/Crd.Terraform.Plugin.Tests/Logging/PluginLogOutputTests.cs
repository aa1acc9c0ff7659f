using System.Text.Json;
using System.Text.RegularExpressions;
using Crd.Terraform.Plugin.Tests.Hosting;
using Crd.Terraform.Plugin.Tests.Support;

namespace Crd.Terraform.Plugin.Tests.Logging;

/// <summary>What a real provider process writes to stderr, as go-plugin's client parses it.</summary>
public sealed partial class PluginLogOutputTests
{
    [Fact]
    public async Task Stderr_TfLogDebug_LinesAreHclogJson()
    {
        var environment = new Dictionary<string, string?> { ["TF_LOG"] = "DEBUG", ["TF_LOG_PROVIDER"] = null };
        await using var plugin = await PluginTestLaunch.StartAsync(PluginTestLaunch.Options(environment: environment));
        await HandshakeTests.HealthAsync(plugin);
        await plugin.ShutdownAsync(CancellationToken.None);

        var lines = plugin.StderrLines;
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            Assert.Contains(root.GetProperty("@level").GetString(), new[] { "trace", "debug", "info", "warn", "error" });
            Assert.False(string.IsNullOrEmpty(root.GetProperty("@message").GetString()));
            Assert.Matches(GoTimestamp(), root.GetProperty("@timestamp").GetString());
        }

        Assert.DoesNotContain(lines, l => l.Contains("\"@level\":\"trace\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stderr_TfLogUnset_StaysEmpty()
    {
        var environment = new Dictionary<string, string?> { ["TF_LOG"] = null, ["TF_LOG_PROVIDER"] = null };
        await using var plugin = await PluginTestLaunch.StartAsync(PluginTestLaunch.Options(environment: environment));
        await HandshakeTests.HealthAsync(plugin);
        await plugin.ShutdownAsync(CancellationToken.None);

        Assert.Empty(plugin.StderrLines);
    }

    // Go layout 2006-01-02T15:04:05.000000Z07:00 (hclog's JSON timestamp).
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex GoTimestamp();
}
