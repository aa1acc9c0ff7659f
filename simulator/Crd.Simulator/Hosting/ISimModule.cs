using Crd.Simulator.State;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Hosting;

/// <summary>
/// A service module of the simulator (Keystone, Nova, Magnum, Waldur...). A module is a separate
/// folder; adding one takes a single line in <see cref="SimModules"/>. See README.md.
/// </summary>
/// <remarks>
/// Call order at start-up: <see cref="RegisterTypes"/> (before the store is opened, so that the
/// journal can be replayed), <see cref="Configure"/> (store open: settlers, error shapes, site
/// services), <see cref="Seed"/> (only on a fresh or reset state, inside one transaction),
/// <see cref="MapRoutes"/>, then <see cref="Describe"/> once the address is known.
/// </remarks>
public interface ISimModule
{
    /// <summary>Short name, e.g. <c>compute</c>.</summary>
    string Name { get; }

    /// <summary>Registers the module's <see cref="Entity"/> types.</summary>
    void RegisterTypes(EntityRegistry registry);

    /// <summary>Registers settlers (<see cref="SimStore.OnDue{T}"/>), error shapes and site services.</summary>
    void Configure(SimRuntime runtime);

    /// <summary>Creates the module's default objects (flavors, networks, demo users...).</summary>
    void Seed(StoreTransaction tx, SimRuntime runtime);

    /// <summary>Maps the module's HTTP routes.</summary>
    void MapRoutes(IEndpointRouteBuilder routes, SimRuntime runtime);

    /// <summary>Adds endpoints, credentials and provider settings to the start-up report.</summary>
    void Describe(SimDescription description, SimRuntime runtime);
}
