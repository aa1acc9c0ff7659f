namespace Crd.Simulator.Tests.Support;

/// <summary>One instant-mode crd-sim shared by a test class (tests isolate themselves with fresh tenants).</summary>
public sealed class SharedSim : IAsyncLifetime
{
    /// <summary>The process.</summary>
    public SimProcess Sim { get; private set; } = null!;

    /// <summary>Its client.</summary>
    public SimClient Client => Sim.Client;

    /// <summary>Starts the process.</summary>
    public async Task InitializeAsync() => Sim = await SimProcess.StartAsync(null, null, "--instant");

    /// <summary>Stops it.</summary>
    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
