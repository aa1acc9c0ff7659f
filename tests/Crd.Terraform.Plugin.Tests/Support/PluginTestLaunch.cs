using Crd.Terraform.Testing.Transport;

namespace Crd.Terraform.Plugin.Tests.Support;

/// <summary>Shorthands for launching the test provider in tests.</summary>
internal static class PluginTestLaunch
{
    /// <summary>Generous bound for anything a test waits on; never a timing assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static PluginLaunchOptions Options(
        bool useTls = true,
        string? offered = "5,6",
        ClientCertificateChoice certificate = ClientCertificateChoice.Advertised,
        IReadOnlyDictionary<string, string?>? environment = null,
        IReadOnlyList<string>? arguments = null,
        bool setCookie = true,
        bool expectHandshake = true) =>
        new()
        {
            ExecutablePath = TestProviderBinary.Path,
            UseTls = useTls,
            OfferedProtocolVersions = offered,
            ClientCertificate = certificate,
            Environment = environment ?? new Dictionary<string, string?>(),
            Arguments = arguments ?? [],
            SetMagicCookie = setCookie,
            ExpectHandshake = expectHandshake,
        };

    public static Task<PluginProcess> StartAsync(PluginLaunchOptions options) =>
        PluginProcess.StartAsync(options, CancellationToken.None);

    public static Task<PluginProcess> StartAsync() => StartAsync(Options());

    /// <summary>Polls <paramref name="condition"/> until true or <see cref="Patience"/> runs out.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
