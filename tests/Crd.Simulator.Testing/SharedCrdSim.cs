using Xunit;

namespace Crd.Simulator.Testing;

/// <summary>
/// One crd-sim per test class (xunit class fixture via a derived type, or used directly):
/// instant transitions; tests isolate themselves with fresh tenants. xunit 2.9 disposes a class
/// fixture through <see cref="IAsyncLifetime"/> or <see cref="IDisposable"/> only — never
/// <see cref="IAsyncDisposable"/> — so the fixture is an <see cref="IAsyncLifetime"/>: with
/// <see cref="IAsyncDisposable"/> alone every test class left its crd-sim running (14 processes
/// and 15 data directories after a full run).
/// </summary>
public class SharedCrdSim : IAsyncLifetime, IAsyncDisposable
{
    private readonly Lazy<Task<CrdSim>> _sim;
    private int _disposed;

    /// <summary>Starts lazily with <c>--instant</c>.</summary>
    public SharedCrdSim()
        : this("--instant")
    {
    }

    /// <summary>Starts lazily with the given arguments.</summary>
    protected SharedCrdSim(params string[] args) => _sim = new Lazy<Task<CrdSim>>(() => CrdSim.StartAsync(args));

    /// <summary>The running simulator.</summary>
    public Task<CrdSim> GetAsync() => _sim.Value;

    /// <summary>Nothing to do: the simulator starts on first use.</summary>
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>Called by xunit after the last test of the class.</summary>
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Stops the simulator (if it was started) and removes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_sim.IsValueCreated)
        {
            await (await _sim.Value).DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
