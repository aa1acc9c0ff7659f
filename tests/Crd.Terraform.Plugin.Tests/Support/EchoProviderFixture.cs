using Crd.Terraform.Testing.Transport;

namespace Crd.Terraform.Plugin.Tests.Support;

/// <summary>One test provider process (AutoMTLS, as Terraform runs it) shared by a test class.</summary>
public sealed class EchoProviderFixture : IAsyncLifetime
{
    private PluginProcess? _plugin;

    public PluginProcess Plugin => _plugin ?? throw new InvalidOperationException("fixture not initialised");

    public async Task InitializeAsync() => _plugin = await PluginTestLaunch.StartAsync();

    public async Task DisposeAsync()
    {
        if (_plugin is not null)
        {
            await _plugin.DisposeAsync();
        }
    }
}
