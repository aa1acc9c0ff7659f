using System.Text.Json;
using Crd.Simulator.Config;

namespace Crd.Simulator.Portal;

/// <summary>Settings of the portal module (<c>modules.portal</c>): <c>{"orderSeconds": 5}</c>.</summary>
public sealed class PortalSettings
{
    /// <summary>How long an order stays in <c>executing</c> (simulated clock).</summary>
    public double OrderSeconds { get; set; } = 5;

    /// <summary>The settings of <paramref name="config"/>.</summary>
    public static PortalSettings From(SimConfig config) =>
        config.Modules.TryGetValue("portal", out var element)
            ? element.Deserialize<PortalSettings>(SimConfig.FileOptions) ?? new PortalSettings()
            : new PortalSettings();
}
