using Crd.Simulator.State;

namespace Crd.Simulator.Hosting;

/// <summary>Simulator-wide persisted settings (one instance).</summary>
[SimCollection("sim.meta")]
public sealed class SimMeta : Entity
{
    /// <summary>Id of the single instance.</summary>
    public const string SingletonId = "meta";

    /// <summary>How far the simulated clock has been advanced, in seconds.</summary>
    public double ClockOffsetSeconds { get; set; }
}
