using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Crd.Terraform.Plugin.Grpc.Health;
using Crd.Terraform.Plugin.Tests.Support;
using Crd.Terraform.Testing.Transport;
using Grpc.Core;

namespace Crd.Terraform.Plugin.Tests.Hosting;

/// <summary>The go-plugin handshake as Terraform performs it, against a real process.</summary>
public sealed partial class HandshakeTests
{
    [Fact]
    public async Task Handshake_TerraformEnvironment_FirstStdoutLineIsHandshakeAndNothingFollows()
    {
        await using var plugin = await PluginTestLaunch.StartAsync();
        await HealthAsync(plugin);
        await plugin.ShutdownAsync(CancellationToken.None);

        // StartAsync validated the first line as go-plugin does; the rest of stdout must be empty.
        Assert.NotNull(plugin.Handshake);
        Assert.Equal("grpc", plugin.Handshake.Protocol);
        Assert.Equal("unix", plugin.Handshake.Network);
        Assert.StartsWith(Path.GetTempPath(), plugin.SocketPath, StringComparison.Ordinal);
        Assert.Empty(plugin.ExtraStdoutLines);
    }

    [Theory]
    [InlineData("5,6", 6)]
    [InlineData("6,5", 6)]
    [InlineData("6", 6)]
    [InlineData("5", 5)]
    [InlineData(null, 6)]
    public async Task Handshake_OfferedVersions_PicksHighestServed(string? offered, int expected)
    {
        await using var plugin = await PluginTestLaunch.StartAsync(PluginTestLaunch.Options(offered: offered));

        Assert.Equal(expected, plugin.ProtocolVersion);
    }

    [Fact]
    public async Task Handshake_NoCommonVersion_ReportsLowestSoClientRefuses()
    {
        var error = await Assert.ThrowsAsync<PluginStartException>(() => PluginTestLaunch.StartAsync(PluginTestLaunch.Options(offered: "4")));

        Assert.Contains("plugin version 5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-cookie")]
    public async Task Start_WithoutMagicCookie_ExitsOneWithExplanation(string? cookie)
    {
        var environment = new Dictionary<string, string?> { ["TF_PLUGIN_MAGIC_COOKIE"] = cookie };
        await using var plugin = await PluginTestLaunch.StartAsync(PluginTestLaunch.Options(environment: environment, setCookie: false, expectHandshake: false));

        Assert.True(await plugin.WaitForExitAsync(PluginTestLaunch.Patience, CancellationToken.None));
        Assert.Equal(1, plugin.ExitCode);
        Assert.Contains(plugin.StderrLines, l => l.Contains("not meant to be run directly", StringComparison.Ordinal));
        Assert.Empty(plugin.ExtraStdoutLines);
    }

    [Fact]
    public async Task AutoMtls_ClientCertGiven_AdvertisesLocalhostCertificateWithoutPadding()
    {
        await using var plugin = await PluginTestLaunch.StartAsync();
        await HealthAsync(plugin);

        var der = plugin.Handshake!.ServerCertificateDer!;
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", san.EnumerateDnsNames());
        Assert.NotNull(certificate.GetECDsaPublicKey());
        Assert.True(certificate.NotBefore.ToUniversalTime() <= DateTime.UtcNow);
        Assert.True(certificate.NotAfter.ToUniversalTime() > DateTime.UtcNow.AddDays(1));
        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value);
        Assert.Contains("1.3.6.1.5.5.7.3.1", eku);
    }

    [Theory]
    [InlineData(ClientCertificateChoice.Foreign)]
    [InlineData(ClientCertificateChoice.None)]
    public async Task AutoMtls_ClientWithoutPinnedCertificate_IsRefused(ClientCertificateChoice choice)
    {
        await using var plugin = await PluginTestLaunch.StartAsync(PluginTestLaunch.Options(certificate: choice));

        // grpc-dotnet reports the refused TLS handshake as Unavailable, caused by the HttpRequestException.
        var error = await Assert.ThrowsAsync<RpcException>(() => HealthAsync(plugin));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.IsType<HttpRequestException>(error.Status.DebugException, exactMatch: false);
        Assert.Null(plugin.ExitCode);
    }

    [Fact]
    public async Task Plaintext_NoClientCert_AdvertisesNoCertificateAndServesH2c()
    {
        await using var plugin = await PluginTestLaunch.StartAsync(PluginTestLaunch.Options(useTls: false));

        Assert.Null(plugin.Handshake!.ServerCertificateDer);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await HealthAsync(plugin)).Status);
    }

    [Fact]
    public async Task Handshake_RawLine_MatchesGoPluginFormat()
    {
        await using var plugin = await PluginTestLaunch.StartAsync();

        var h = plugin.Handshake!;
        var line = $"{h.CoreVersion}|{h.ProtocolVersion}|{h.Network}|{h.Address}|{h.Protocol}|{Convert.ToBase64String(h.ServerCertificateDer!).TrimEnd('=')}";
        Assert.Matches(HandshakePattern(), line);
    }

    [Fact]
    public async Task TwoProcesses_StartedTogether_ListenOnDifferentSockets()
    {
        var first = PluginTestLaunch.StartAsync();
        var second = PluginTestLaunch.StartAsync();
        await using var a = await first;
        await using var b = await second;

        Assert.NotEqual(a.SocketPath, b.SocketPath);
        await HealthAsync(a);
        await HealthAsync(b);
    }

    [Fact]
    public async Task Socket_PluginUnixSocketDirSet_IsCreatedThere()
    {
        var directory = Directory.CreateTempSubdirectory("crd-sock-").FullName;
        try
        {
            var environment = new Dictionary<string, string?> { ["PLUGIN_UNIX_SOCKET_DIR"] = directory };
            await using var plugin = await PluginTestLaunch.StartAsync(PluginTestLaunch.Options(environment: environment));

            Assert.Equal(directory, Path.GetDirectoryName(plugin.SocketPath));
            Assert.StartsWith("plugin", Path.GetFileName(plugin.SocketPath), StringComparison.Ordinal);
            await HealthAsync(plugin);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    internal static Task<HealthCheckResponse> HealthAsync(PluginProcess plugin) =>
        new Health.HealthClient(plugin.Channel).CheckAsync(new HealthCheckRequest()).ResponseAsync;

    [GeneratedRegex(@"^1\|6\|unix\|/[^|]+\|grpc\|[A-Za-z0-9+/]{100,}$")]
    private static partial Regex HandshakePattern();
}
