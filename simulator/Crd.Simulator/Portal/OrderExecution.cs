using System.Text.Json.Nodes;
using Crd.Simulator.Compute;
using Crd.Simulator.Config;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.Network;
using Crd.Simulator.State;
using Crd.Simulator.Volume;

namespace Crd.Simulator.Portal;

/// <summary>
/// What an executing order does on the site when it completes: Create makes a real Keystone
/// project with a user (Identity's tenant factory) and applies the limits as its quota; Update
/// changes the quota; Terminate removes the project and everything in it.
/// </summary>
public static class OrderExecution
{
    /// <summary>Limits accepted by the tenant offering.</summary>
    public static readonly string[] Components = ["cores", "ram", "storage"];

    /// <summary>The settler of <see cref="Order"/>.</summary>
    public static void Settle(Order order, StoreTransaction tx, SimRuntime runtime)
    {
        order.DueAt = null;
        order.ModifiedAt = tx.Now;
        var resource = tx.Find<MarketplaceResource>(order.ResourceId);
        var site = runtime.Config.Site(order.Site);
        string? error = resource is null || site is null ? "The resource or its site no longer exists." : null;
        error ??= runtime.Faults.BuildFault(order.Site, "portal", "/marketplace-orders/") is { } fault
            ? fault.Message ?? "Injected failure while executing the order."
            : null;
        if (error is null && order.Type != "Terminate")
        {
            error = CheckLimits(order.Limits, site!);
        }
        if (error is null)
        {
            try
            {
                switch (order.Type)
                {
                    case "Create":
                        Create(tx, runtime, site!, order, resource!);
                        break;
                    case "Update":
                        Update(tx, order, resource!);
                        break;
                    case "Terminate":
                        Terminate(tx, resource!);
                        break;
                }
            }
            catch (Hosting.ApiException ex)
            {
                error = ex.Message;
            }
        }
        if (error is not null)
        {
            order.State = "erred";
            order.ErrorMessage = error;
            if (resource is not null)
            {
                resource.State = order.Type == "Create" ? "Erred" : string.IsNullOrEmpty(resource.BackendId) ? "Erred" : "OK";
                resource.ModifiedAt = tx.Now;
                tx.Put(resource);
            }
        }
        else
        {
            order.State = "done";
        }
        tx.Put(order);
    }

    /// <summary>A rejected, canceled or deleted order leaves its resource as it was (a never-created one terminated).</summary>
    public static void Abandon(StoreTransaction tx, Order order)
    {
        if (tx.Find<MarketplaceResource>(order.ResourceId) is { } resource)
        {
            resource.State = string.IsNullOrEmpty(resource.BackendId) ? "Terminated" : "OK";
            resource.ModifiedAt = tx.Now;
            tx.Put(resource);
        }
    }

    private static string? CheckLimits(Dictionary<string, long> limits, SiteConfig site)
    {
        foreach (var (key, value) in limits)
        {
            if (!Components.Contains(key))
            {
                return $"Invalid limits: {key} is not a component of the offering (expected cores, ram, storage).";
            }
            if (value < 0)
            {
                return $"Invalid limits: {key} must be zero or positive (got {value}).";
            }
        }
        var capacity = new Dictionary<string, long>
        {
            ["cores"] = site.Capacity.Vcpus,
            ["ram"] = site.Capacity.RamGb * 1024L,
            ["storage"] = site.Capacity.StorageGb * 1024L,
        };
        foreach (var (key, value) in limits)
        {
            if (value > capacity[key])
            {
                return $"Invalid limits: {key} {value} exceeds the capacity of site {site.Name} ({capacity[key]}).";
            }
        }
        return null;
    }

    private static void ApplyLimits(QuotaConfig quota, Dictionary<string, long> limits)
    {
        // Waldur counts RAM and storage in MiB; the sites count GB.
        if (limits.TryGetValue("cores", out var cores))
        {
            quota.Cores = (int)cores;
        }
        if (limits.TryGetValue("ram", out var ram))
        {
            quota.RamGb = (int)((ram + 1023) / 1024);
        }
        if (limits.TryGetValue("storage", out var storage))
        {
            quota.StorageGb = (int)((storage + 1023) / 1024);
        }
    }

    private static void Create(StoreTransaction tx, SimRuntime runtime, SiteConfig site, Order order, MarketplaceResource resource)
    {
        var attributes = JsonNode.Parse(order.AttributesJson) as JsonObject ?? [];
        var name = Text(attributes["name"]) ?? resource.Name;
        if (tx.Find<Project>(runtime.DeriveId(site.Name, "project", name)) is not null)
        {
            throw new Hosting.ApiException(409, $"A tenant named {name} already exists on site {site.Name}.");
        }
        var quota = site.Quota.Clone();
        ApplyLimits(quota, order.Limits);
        var tenant = TenantFactory.Create(tx, runtime, site, name, ["member", "reader"], quota,
            Text(attributes["description"]) ?? "Created by a Waldur order");
        resource.BackendId = tenant.Project.Id;
        resource.ProjectId = tenant.Project.Id;
        resource.State = "OK";
        resource.ModifiedAt = tx.Now;
        tx.Put(resource);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static void Update(StoreTransaction tx, Order order, MarketplaceResource resource)
    {
        var project = tx.Find<Project>(resource.BackendId) ?? throw new Hosting.ApiException(404, "The tenant's OpenStack project no longer exists.");
        ApplyLimits(project.Quota, order.Limits);
        tx.Put(project);
        foreach (var (key, value) in order.Limits)
        {
            resource.Limits[key] = value;
        }
        resource.State = "OK";
        resource.ModifiedAt = tx.Now;
        tx.Put(resource);
    }

    private static void Terminate(StoreTransaction tx, MarketplaceResource resource)
    {
        var projectId = resource.BackendId;
        if (!string.IsNullOrEmpty(projectId))
        {
            var site = resource.Site;
            // Everything of the project goes: what Waldur's tenant deletion asks OpenStack to do.
            DeleteAll<Server>(tx, site, projectId);
            DeleteAll<VolumeEntity>(tx, site, projectId);
            DeleteAll<ContainerInfra.Nodegroup>(tx, site, projectId);
            DeleteAll<ContainerInfra.Cluster>(tx, site, projectId);
            DeleteAll<ContainerInfra.ClusterTemplate>(tx, site, projectId);
            DeleteAll<FloatingIp>(tx, site, projectId);
            DeleteAll<Port>(tx, site, projectId);
            DeleteAll<Router>(tx, site, projectId);
            DeleteAll<Subnet>(tx, site, projectId);
            DeleteAll<NetworkEntity>(tx, site, projectId);
            DeleteAll<SecurityGroupRule>(tx, site, projectId);
            DeleteAll<SecurityGroup>(tx, site, projectId);
            DeleteAll<ApplicationCredential>(tx, site, projectId);
            DeleteAll<User>(tx, site, projectId);
            DeleteAll<Project>(tx, site, projectId);
        }
        resource.State = "Terminated";
        resource.ModifiedAt = tx.Now;
        tx.Put(resource);
    }

    private static void DeleteAll<T>(StoreTransaction tx, string site, string projectId) where T : Entity
    {
        foreach (var entity in tx.OfSite<T>(site, projectId).ToList())
        {
            tx.Delete(entity);
        }
    }
}
