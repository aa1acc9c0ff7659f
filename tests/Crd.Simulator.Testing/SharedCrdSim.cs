namespace Crd.Simulator.Testing;

/// <summary>
/// One crd-sim per test class (xunit class fixture via a derived type, or used directly):
/// instant transitions; tests isolate themselves with fresh tenants.
/// </summary>
public class SharedCrdSim : IAsyncDisposable, IDisposable
{
    private readonly Lazy<Task<CrdSim>> _sim;

    /// <summary>Starts lazily with <c>--instant</c>.</summary>
    public SharedCrdSim()
        : this("--instant")
    {
    }

    /// <summary>Starts lazily with the given arguments.</summary>
    protected SharedCrdSim(params string[] args) => _sim = new Lazy<Task<CrdSim>>(() => CrdSim.StartAsync(args));

    /// <summary>The running simulator.</summary>
    public Task<CrdSim> GetAsync() => _sim.Value;

    /// <summary>
    /// xunit 2 disposes class fixtures only through <see cref="IDisposable"/>: without this the
    /// crd-sim process of every test class outlived the test run.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_sim.IsValueCreated)
        {
            await (await _sim.Value).DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
