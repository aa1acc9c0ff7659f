using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Compute;

/// <summary>Stub of the compute service (filled in next).</summary>
public sealed class ComputeModule : ISimModule
{
    /// <inheritdoc/>
    public string Name => "compute";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime) => runtime.AddSiteService(new SiteService("compute", s => s.Offers("compute"), KeystoneAuth: true));

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
