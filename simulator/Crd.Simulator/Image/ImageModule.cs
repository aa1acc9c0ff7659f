using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Image;

/// <summary>Stub of the image service (filled in next).</summary>
public sealed class ImageModule : ISimModule
{
    /// <inheritdoc/>
    public string Name => "image";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime) => runtime.AddSiteService(new SiteService("image", s => s.Offers("image"), KeystoneAuth: true));

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
