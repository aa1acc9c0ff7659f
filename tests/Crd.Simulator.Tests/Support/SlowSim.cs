namespace Crd.Simulator.Tests.Support;

/// <summary>A crd-sim with real delays (30 s builds, 10 s actions on the simulated clock): tests move the clock.</summary>
public sealed class SlowSim : IAsyncLifetime
{
    /// <summary>The process.</summary>
    public SimProcess Sim { get; private set; } = null!;

    /// <summary>Its client.</summary>
    public SimClient Client => Sim.Client;

    /// <summary>Starts the process.</summary>
    public async Task InitializeAsync() => Sim = await SimProcess.StartAsync(null, null, "--build-seconds", "30");

    /// <summary>Stops it.</summary>
    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
