using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Portal;

/// <summary>
/// Waldur at <c>/portal/api/</c>: customers, projects, public offerings (one OpenStack tenant
/// offering per compute site), marketplace orders and resources, OpenStack tenants.
/// </summary>
public sealed class PortalModule : ISimModule
{
    /// <summary>The seeded customer.</summary>
    public const string DemoCustomer = "demo-lab";

    /// <inheritdoc/>
    public string Name => "portal";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
        registry.Register<PortalUser>();
        registry.Register<Customer>();
        registry.Register<PortalProject>();
        registry.Register<Offering>();
        registry.Register<Order>();
        registry.Register<MarketplaceResource>();
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime)
    {
        runtime.Errors.Register("portal", PortalErrors.Render);
        runtime.Store.OnDue<Order>((order, tx) => OrderExecution.Settle(order, tx, runtime));
    }

    /// <summary>The API token of a seeded user (40 hex digits, from the seed).</summary>
    public static string TokenOf(SimRuntime runtime, string username) =>
        runtime.DeriveId("portal", "token", username) + runtime.DeriveId("portal", "token-tail", username)[..8];

    /// <inheritdoc/>
    public void Seed(StoreTransaction tx, SimRuntime runtime)
    {
        var staff = new PortalUser { Id = runtime.DeriveId("portal", "user", "staff"), Username = "staff", FullName = "Federation staff", IsStaff = true, Token = TokenOf(runtime, "staff") };
        var demo = new PortalUser { Id = runtime.DeriveId("portal", "user", "demo"), Username = "demo", FullName = "Demo researcher", Token = TokenOf(runtime, "demo") };
        tx.Put(staff);
        tx.Put(demo);
        tx.Put(new Customer
        {
            Id = runtime.DeriveId("portal", "customer", DemoCustomer),
            Name = DemoCustomer,
            Abbreviation = "DEMO",
            Email = "demo-lab@crd-sim.invalid",
            OwnerIds = [demo.Id],
            CreatedAt = tx.Now,
        });
        var provider = new Customer
        {
            Id = runtime.DeriveId("portal", "customer", "crd-federation"),
            Name = "crd-federation",
            Abbreviation = "CRD",
            Email = "support@crd-sim.invalid",
            CreatedAt = tx.Now,
        };
        tx.Put(provider);
        foreach (var site in runtime.Config.Sites.Where(s => s.Offers("compute")))
        {
            const decimal HoursPerMonth = 730m;
            tx.Put(new Offering
            {
                Id = runtime.DeriveId("portal", "offering", site.Name),
                Site = site.Name,
                Name = $"OpenStack tenant @ {site.Name}",
                CustomerId = provider.Id,
                PlanId = runtime.DeriveId("portal", "plan", site.Name),
                Prices = new Dictionary<string, decimal>
                {
                    ["cores"] = Math.Round(site.Prices.VcpuHour * HoursPerMonth, 4),
                    ["ram"] = Math.Round(site.Prices.RamGbHour * HoursPerMonth / 1024m, 6),
                    ["storage"] = Math.Round(site.Prices.StorageGbMonth / 1024m, 6),
                },
                CreatedAt = tx.Now,
            });
        }
    }

    /// <inheritdoc/>
    public void MapRoutes(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
        var settings = PortalSettings.From(runtime.Config);
        var api = routes.MapGroup("/portal/api");
        api.AddEndpointFilter(async (context, next) =>
        {
            await PortalApi.AuthenticateAsync(context.HttpContext, runtime);
            return await next(context);
        });
        StructureRoutes.Map(api, runtime);
        OrderRoutes.Map(api, runtime, settings);
        ResourceRoutes.Map(api, runtime, settings);
    }

    /// <inheritdoc/>
    public void Describe(SimDescription description, SimRuntime runtime)
    {
        var url = description.BaseUrl + "/portal/api/";
        description.Endpoints.Add(("waldur portal", url));
        description.Endpoints.Add(("waldur staff token", TokenOf(runtime, "staff")));
        description.Endpoints.Add(("waldur user token (demo-lab owner, orders need approval)", TokenOf(runtime, "demo")));
        description.ProviderSettings.Add(("portal_url", url));
        description.ProviderSettings.Add(("portal_token", TokenOf(runtime, "staff")));
    }
}
