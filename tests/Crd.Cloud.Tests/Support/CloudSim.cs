using Crd.Simulator.Testing;

namespace Crd.Cloud.Tests.Support;

/// <summary>An instant-mode crd-sim for one test class; tests isolate themselves with fresh tenants.</summary>
public class CloudSim : IAsyncLifetime
{
    private readonly string[] _args;

    public CloudSim()
        : this("--instant")
    {
    }

    protected CloudSim(params string[] args) => _args = args;

    public CrdSim Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await CrdSim.StartAsync(_args);

    public async Task DisposeAsync() => await Sim.DisposeAsync();

    /// <summary>A session on a fresh tenant of <paramref name="site"/>.</summary>
    public async Task<SiteSession> NewSessionAsync(string site = "toulouse", CloudOptions? options = null, System.Text.Json.Nodes.JsonObject? quota = null)
    {
        var tenant = await Sim.CreateTenantAsync(site, quota);
        return new SiteSession(new SiteCredentials(site, tenant.AuthUrl, tenant.Region, tenant.CredentialId, tenant.CredentialSecret), options);
    }
}
