using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Network;

/// <summary>Stub of the network service (filled in next).</summary>
public sealed class NetworkModule : ISimModule
{
    /// <inheritdoc/>
    public string Name => "network";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
        registry.Register<NetworkEntity>();
        registry.Register<Subnet>();
        registry.Register<Port>();
        registry.Register<Router>();
        registry.Register<FloatingIp>();
        registry.Register<SecurityGroup>();
        registry.Register<SecurityGroupRule>();
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime) => runtime.AddSiteService(new SiteService("network", s => s.Offers("network"), KeystoneAuth: true));

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
