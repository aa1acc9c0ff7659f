using Crd.Simulator.Testing;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// The crd-sim of a K8s test class, instant transitions. xunit 2 disposes class fixtures through
/// <see cref="IDisposable"/> or <see cref="IAsyncLifetime"/>, not <see cref="IAsyncDisposable"/>
/// alone: without this the simulator process outlives the test run.
/// </summary>
public class K8sCrdSim : SharedCrdSim, IAsyncLifetime
{
    public K8sCrdSim()
        : base("--instant")
    {
    }

    protected K8sCrdSim(params string[] args)
        : base(args)
    {
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
