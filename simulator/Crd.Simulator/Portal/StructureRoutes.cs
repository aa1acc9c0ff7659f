using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Portal;

/// <summary>Waldur customers (read), projects (CRUD) and public offerings (read).</summary>
public static class StructureRoutes
{
    /// <summary>True when <paramref name="user"/> may see the customer (staff, or an owner).</summary>
    public static bool Sees(PortalUser user, Customer? customer) => customer is not null && (user.IsStaff || customer.OwnerIds.Contains(user.Id));

    /// <summary>A project the user may see, or 404.</summary>
    public static PortalProject Project(StoreTransaction tx, PortalUser user, string uuid) =>
        tx.Find<PortalProject>(uuid.Replace("-", "", StringComparison.Ordinal)) is { } p && Sees(user, tx.Find<Customer>(p.CustomerId)) ? p : throw PortalErrors.NotFound();

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder api, SimRuntime runtime)
    {
        api.MapGet("/customers/", async (HttpContext ctx) =>
        {
            var user = ctx.User();
            var name = PortalApi.Query(ctx, "name");
            var items = await runtime.Store.ExecuteAsync(tx => tx.All<Customer>().Where(c => Sees(user, c))
                .Where(c => name is null || c.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                .OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => (JsonNode)PortalJson.Customer(ctx, c)).ToList());
            return PortalApi.Page(ctx, items);
        });
        api.MapGet("/customers/{uuid}/", async (HttpContext ctx, string uuid) =>
        {
            var user = ctx.User();
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
                tx.Find<Customer>(uuid) is { } c && Sees(user, c) ? PortalJson.Customer(ctx, c) : throw PortalErrors.NotFound()));
        });
        api.MapGet("/projects/", async (HttpContext ctx) =>
        {
            var user = ctx.User();
            var customer = PortalApi.Query(ctx, "customer_uuid") ?? PortalApi.Query(ctx, "customer");
            var name = PortalApi.Query(ctx, "name");
            var exact = PortalApi.Query(ctx, "name_exact");
            var items = await runtime.Store.ExecuteAsync(tx => tx.All<PortalProject>()
                .Where(p => Sees(user, tx.Find<Customer>(p.CustomerId)))
                .Where(p => customer is null || p.CustomerId == customer)
                .Where(p => name is null || p.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                .Where(p => exact is null || p.Name == exact)
                .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal)
                .Select(p => (JsonNode)PortalJson.Project(ctx, p, tx.Find<Customer>(p.CustomerId))).ToList());
            return PortalApi.Page(ctx, items);
        });
        api.MapGet("/projects/{uuid}/", async (HttpContext ctx, string uuid) =>
        {
            var user = ctx.User();
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var p = Project(tx, user, uuid);
                return PortalJson.Project(ctx, p, tx.Find<Customer>(p.CustomerId));
            }));
        });
        api.MapPost("/projects/", async (HttpContext ctx) =>
        {
            var user = ctx.User();
            var body = await ctx.ReadObjectAsync();
            var customerId = PortalApi.Ref(body.OptString("customer"), "customers", "customer");
            var name = body.OptString("name");
            if (string.IsNullOrWhiteSpace(name))
            {
                throw PortalErrors.Field("name", "This field is required.");
            }
            var endDate = PortalApi.Date(body, "end_date");
            var startDate = PortalApi.Date(body, "start_date");
            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var customer = tx.Find<Customer>(customerId);
                if (!Sees(user, customer))
                {
                    throw PortalErrors.Field("customer", "Invalid hyperlink - Object does not exist.");
                }
                var project = new PortalProject
                {
                    Id = Guid.NewGuid().ToString("N"),
                    CustomerId = customerId,
                    Name = name,
                    Description = body.OptString("description") ?? "",
                    EndDate = endDate,
                    StartDate = startDate,
                    BackendId = body.OptString("backend_id") ?? "",
                    OecdFos2007Code = body.OptString("oecd_fos_2007_code"),
                    CreatedAt = tx.Now,
                };
                tx.Put(project);
                return PortalJson.Project(ctx, project, customer);
            });
            ctx.Response.Headers.Location = json["url"]!.GetValue<string>();
            return HttpJson.Json(json, 201);
        });
        api.MapMethods("/projects/{uuid}/", ["PUT", "PATCH"], async (HttpContext ctx, string uuid) =>
        {
            var user = ctx.User();
            var body = await ctx.ReadObjectAsync();
            var put = HttpMethods.IsPut(ctx.Request.Method);
            var name = body.OptString("name");
            if (put && string.IsNullOrWhiteSpace(name))
            {
                throw PortalErrors.Field("name", "This field is required.");
            }
            var endDate = PortalApi.Date(body, "end_date");
            var startDate = PortalApi.Date(body, "start_date");
            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var p = Project(tx, user, uuid);
                p.Name = string.IsNullOrWhiteSpace(name) ? p.Name : name;
                p.Description = body.OptString("description") ?? (put ? "" : p.Description);
                p.EndDate = body.ContainsKey("end_date") || put ? endDate : p.EndDate;
                p.StartDate = body.ContainsKey("start_date") || put ? startDate : p.StartDate;
                p.BackendId = body.OptString("backend_id") ?? p.BackendId;
                p.OecdFos2007Code = body.ContainsKey("oecd_fos_2007_code") ? body.OptString("oecd_fos_2007_code") : p.OecdFos2007Code;
                tx.Put(p);
                return PortalJson.Project(ctx, p, tx.Find<Customer>(p.CustomerId));
            });
            return HttpJson.Json(json);
        });
        api.MapDelete("/projects/{uuid}/", async (HttpContext ctx, string uuid) =>
        {
            var user = ctx.User();
            await runtime.Store.ExecuteAsync(tx =>
            {
                var p = Project(tx, user, uuid);
                if (tx.All<MarketplaceResource>().Any(r => r.PortalProjectId == p.Id && r.State != "Terminated"))
                {
                    throw new ApiException(409, "Cannot delete project with existing resources.");
                }
                tx.Delete(p);
            });
            return Results.NoContent();
        });
        api.MapGet("/marketplace-public-offerings/", async (HttpContext ctx) =>
        {
            var type = PortalApi.Query(ctx, "type");
            var state = PortalApi.Query(ctx, "state");
            var name = PortalApi.Query(ctx, "name");
            var items = await runtime.Store.ExecuteAsync(tx => tx.All<Offering>()
                .Where(o => (type is null || o.Type == type) && (state is null || o.State == state))
                .Where(o => name is null || o.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                .OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => (JsonNode)PortalJson.Offering(ctx, o)).ToList());
            return PortalApi.Page(ctx, items);
        });
        api.MapGet("/marketplace-public-offerings/{uuid}/", async (HttpContext ctx, string uuid) =>
            HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
                tx.Find<Offering>(uuid) is { } o ? PortalJson.Offering(ctx, o) : throw PortalErrors.NotFound())));
    }
}
