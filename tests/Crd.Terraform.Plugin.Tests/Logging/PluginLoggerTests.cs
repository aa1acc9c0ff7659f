using System.Text;
using System.Text.Json;
using Crd.Terraform.Plugin.Logging;

namespace Crd.Terraform.Plugin.Tests.Logging;

public sealed class PluginLoggerTests
{
    [Theory]
    [InlineData(null, PluginLogLevel.Off)]
    [InlineData("", PluginLogLevel.Off)]
    [InlineData("trace", PluginLogLevel.Trace)]
    [InlineData("JSON", PluginLogLevel.Trace)]
    [InlineData("DEBUG", PluginLogLevel.Debug)]
    [InlineData("info", PluginLogLevel.Info)]
    [InlineData("WARN", PluginLogLevel.Warn)]
    [InlineData("ERROR", PluginLogLevel.Error)]
    [InlineData("off", PluginLogLevel.Off)]
    [InlineData("1", PluginLogLevel.Trace)]
    public void ParseLevel_TfLogValue_MapsLikeTerraform(string? value, PluginLogLevel expected) =>
        Assert.Equal(expected, PluginLogger.ParseLevel(value));

    [Fact]
    public void Format_Fields_WritesHclogKeysAndValues()
    {
        var logger = new PluginLogger(Stream.Null, PluginLogLevel.Trace, "provider");
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560);

        var line = Encoding.UTF8.GetString(logger.Format(PluginLogLevel.Warn, "hello", [("count", 3), ("ok", true), ("name", "x"), ("@level", "spoof")], now));

        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("warn", root.GetProperty("@level").GetString());
        Assert.Equal("hello", root.GetProperty("@message").GetString());
        Assert.Equal("provider", root.GetProperty("@module").GetString());
        Assert.Equal("2026-01-02T03:04:05.123456Z", root.GetProperty("@timestamp").GetString());
        Assert.Equal(3, root.GetProperty("count").GetInt32());
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal("x", root.GetProperty("name").GetString());
    }

    [Fact]
    public void Format_SensitiveWrapperAndRegisteredKey_NeverWritesTheValue()
    {
        var logger = new PluginLogger(Stream.Null, PluginLogLevel.Trace, "provider");
        logger.AddSensitiveKey("Password");

        var line = Encoding.UTF8.GetString(logger.Format(
            PluginLogLevel.Info, "login", [("token", PluginLogger.Sensitive("tok-123")), ("password", "hunter2")], DateTimeOffset.UtcNow));

        Assert.DoesNotContain("tok-123", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
        Assert.Equal(2, line.Split("(sensitive)").Length - 1);
        Assert.Equal("(sensitive)", new SensitiveValue("x").ToString());
    }

    [Fact]
    public void Write_BelowLevel_WritesNothing()
    {
        using var output = new MemoryStream();
        var logger = new PluginLogger(output, PluginLogLevel.Warn, "provider");

        logger.Debug("quiet");
        logger.Error("loud");

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.DoesNotContain("quiet", text, StringComparison.Ordinal);
        Assert.Contains("loud", text, StringComparison.Ordinal);
    }
}
