using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Volume;

/// <summary>Stub of the volume service (filled in next).</summary>
public sealed class VolumeModule : ISimModule
{
    /// <inheritdoc/>
    public string Name => "volume";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime) => runtime.AddSiteService(new SiteService("volume", s => s.Offers("volume"), KeystoneAuth: true));

    /// <inheritdoc/>
    public void Seed(StoreTransaction tx, SimRuntime runtime)
    {
    }

    /// <inheritdoc/>
    public void MapRoutes(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
    }

    /// <inheritdoc/>
    public void Describe(SimDescription description, SimRuntime runtime)
    {
    }
}
