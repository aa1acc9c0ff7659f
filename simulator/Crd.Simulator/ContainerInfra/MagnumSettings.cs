using System.Text.Json;
using Crd.Simulator.Config;

namespace Crd.Simulator.ContainerInfra;

/// <summary>
/// Timings of the Magnum module, from <c>modules["container-infra"]</c> of the configuration:
/// <c>{"createSeconds": 60, "updateSeconds": 20, "deleteSeconds": 10}</c> (simulated clock).
/// </summary>
public sealed class MagnumSettings
{
    /// <summary>CREATE_IN_PROGRESS duration.</summary>
    public double CreateSeconds { get; set; } = 60;

    /// <summary>UPDATE_IN_PROGRESS duration (resize, upgrade, nodegroups).</summary>
    public double UpdateSeconds { get; set; } = 20;

    /// <summary>DELETE_IN_PROGRESS duration.</summary>
    public double DeleteSeconds { get; set; } = 10;

    /// <summary>The settings of <paramref name="config"/> (defaults when absent).</summary>
    public static MagnumSettings From(SimConfig config) =>
        config.Modules.TryGetValue("container-infra", out var element)
            ? element.Deserialize<MagnumSettings>(SimConfig.FileOptions) ?? new MagnumSettings()
            : new MagnumSettings();
}
