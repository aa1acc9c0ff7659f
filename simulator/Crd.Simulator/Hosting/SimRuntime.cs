using System.Security.Cryptography;
using System.Text;
using Crd.Simulator.Config;
using Crd.Simulator.Faults;
using Crd.Simulator.Identity;
using Crd.Simulator.State;

namespace Crd.Simulator.Hosting;

/// <summary>
/// Everything a module needs, created once per process: configuration, store, clock, faults,
/// tokens, error shapes and the per-site service table.
/// </summary>
public sealed class SimRuntime : IDisposable
{
    /// <summary>Creates the runtime: registers the modules' types, opens the store, configures modules.</summary>
    public SimRuntime(SimConfig config, string dataDirectory, IReadOnlyList<ISimModule> modules, TimeProvider? time = null)
    {
        Config = config;
        DataDirectory = dataDirectory;
        Modules = modules;
        Clock = new SimClock(time ?? TimeProvider.System) { Instant = config.Instant };
        var registry = new EntityRegistry();
        registry.Register<SimMeta>();
        foreach (var module in modules)
        {
            module.RegisterTypes(registry);
        }
        Store = SimStore.Open(Path.Combine(dataDirectory, "state"), registry, Clock, config.SnapshotEvery);
        Faults = new FaultInjector(DeriveInt("faults"));
        Faults.Replace(config.Faults);
        Tokens = new TokenService(config.Seed, Store) { Lifetime = TimeSpan.FromSeconds(config.TokenLifetimeSeconds) };
        foreach (var module in modules)
        {
            module.Configure(this);
        }
    }

    /// <summary>The configuration in force.</summary>
    public SimConfig Config { get; }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The modules, in registration order.</summary>
    public IReadOnlyList<ISimModule> Modules { get; }

    /// <summary>The simulated clock.</summary>
    public SimClock Clock { get; }

    /// <summary>The durable state.</summary>
    public SimStore Store { get; }

    /// <summary>Active fault rules.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Counts of the API requests received (<c>GET /_sim/stats</c>).</summary>
    public Admin.RequestStats Requests { get; } = new();

    /// <summary>Keystone tokens.</summary>
    public TokenService Tokens { get; }

    /// <summary>Error body renderers per service.</summary>
    public ErrorShapes Errors { get; } = new();

    /// <summary>Per-site services by URL segment (see <see cref="SiteService"/>).</summary>
    public Dictionary<string, SiteService> SiteServices { get; } = new(StringComparer.Ordinal);

    /// <summary>Registers a per-site service.</summary>
    public void AddSiteService(SiteService service) => SiteServices[service.Path] = service;

    /// <summary>
    /// Seeds a fresh state (no-op when state exists) and restores the persisted clock offset.
    /// </summary>
    public async Task InitializeAsync()
    {
        if (Store.IsEmpty)
        {
            await ResetAsync();
        }
        await Store.ExecuteAsync(tx =>
        {
            var meta = tx.Find<SimMeta>(SimMeta.SingletonId);
            Clock.Restore(TimeSpan.FromSeconds(meta?.ClockOffsetSeconds ?? 0));
        });
        // Every start opens a fresh segment; compact once they pile up so restarts stay fast.
        if (State.Journal.ListSegments(Path.Combine(DataDirectory, "state")).Count > 8)
        {
            await Store.SnapshotAsync();
        }
    }

    /// <summary>Drops every object and re-creates the default federation (one journal record).</summary>
    public Task ResetAsync() => Store.ExecuteAsync(tx =>
    {
        tx.Clear();
        tx.Put(new SimMeta { Id = SimMeta.SingletonId, ClockOffsetSeconds = Clock.Offset.TotalSeconds });
        foreach (var module in Modules)
        {
            module.Seed(tx, this);
        }
    });

    /// <summary>
    /// When an asynchronous transition of <paramref name="service"/> at <paramref name="site"/> that
    /// normally takes <paramref name="seconds"/> completes: the simulated clock, instant mode and
    /// <c>slow</c> fault rules applied.
    /// </summary>
    public DateTimeOffset Due(StoreTransaction tx, string site, string service, double seconds) =>
        tx.Clock.After(seconds * Faults.SlowFactor(site, service));

    /// <summary>A deterministic 32-hex-digit id (Keystone style) derived from the seed and <paramref name="parts"/>.</summary>
    public string DeriveId(params string[] parts) => Convert.ToHexStringLower(Hash(parts).AsSpan(0, 16));

    /// <summary>A deterministic UUID (Nova/Neutron style) derived from the seed and <paramref name="parts"/>.</summary>
    public string DeriveUuid(params string[] parts) => new Guid(Hash(parts).AsSpan(0, 16)).ToString("D");

    /// <summary>A deterministic secret (URL-safe) derived from the seed and <paramref name="parts"/>.</summary>
    public string DeriveSecret(params string[] parts) =>
        Convert.ToBase64String(Hash(["secret", .. parts])).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A deterministic integer derived from the seed.</summary>
    public int DeriveInt(string purpose) => BitConverter.ToInt32(Hash([purpose]), 0);

    /// <summary>A fresh random UUID.</summary>
    public static string NewUuid() => Guid.NewGuid().ToString("D");

    private byte[] Hash(string[] parts) => SHA256.HashData(Encoding.UTF8.GetBytes(Config.Seed + "\u001f" + string.Join('\u001f', parts)));

    /// <summary>Closes the store.</summary>
    public void Dispose() => Store.Dispose();
}
