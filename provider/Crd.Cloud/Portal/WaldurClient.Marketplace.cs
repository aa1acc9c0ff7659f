using System.Diagnostics;
using System.Text.Json.Nodes;
using Crd.Cloud.Polling;

namespace Crd.Cloud.Portal;

/// <summary>Tenant offerings, marketplace orders and resources, tenants.</summary>
public sealed partial class WaldurClient
{
    private readonly SemaphoreSlim _offeringsLock = new(1, 1);
    private IReadOnlyList<WaldurOffering>? _offerings;

    /// <summary>The active <c>OpenStack.Tenant</c> offerings, one per site; read once per process.</summary>
    public async Task<IReadOnlyList<WaldurOffering>> ListTenantOfferingsAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _offerings) is { } cached)
        {
            return cached;
        }

        await _offeringsLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _offerings ??= [.. (await ListAsync("marketplace-public-offerings/", $"type={WaldurOffering.TenantType}&state=Active", cancellationToken).ConfigureAwait(false))
                .Select(WaldurOffering.From)];
        }
        finally
        {
            _offeringsLock.Release();
        }
    }

    /// <summary>The tenant offering of <paramref name="site"/>; <see cref="CloudLookupException"/> naming the sites the portal offers otherwise.</summary>
    public async Task<WaldurOffering> TenantOfferingAsync(string site, CancellationToken cancellationToken)
    {
        var offerings = await ListTenantOfferingsAsync(cancellationToken).ConfigureAwait(false);
        return offerings.FirstOrDefault(o => o.Site == site)
            ?? throw new CloudLookupException(Scope, "tenant offering for site", site, offerings.Select(o => o.Site));
    }

    /// <summary>The marketplace resources of a project (every state).</summary>
    public async Task<IReadOnlyList<WaldurResource>> ListProjectResourcesAsync(string projectUuid, CancellationToken cancellationToken)
        => [.. (await ListAsync("marketplace-resources/", "project_uuid=" + Uri.EscapeDataString(projectUuid), cancellationToken).ConfigureAwait(false))
            .Select(WaldurResource.From).Where(r => r.ProjectUuid == projectUuid)];

    /// <summary>One marketplace resource.</summary>
    public async Task<WaldurResource> GetResourceAsync(string uuid, CancellationToken cancellationToken)
        => WaldurResource.From(await GetAsync($"marketplace-resources/{Uri.EscapeDataString(uuid)}/", cancellationToken).ConfigureAwait(false));

    /// <summary>The orders of a project, newest first.</summary>
    public async Task<IReadOnlyList<WaldurOrder>> ListOrdersAsync(string projectUuid, string? resourceUuid, CancellationToken cancellationToken)
        => [.. (await ListAsync("marketplace-orders/", "project_uuid=" + Uri.EscapeDataString(projectUuid) + (resourceUuid is null ? "" : "&resource_uuid=" + Uri.EscapeDataString(resourceUuid)), cancellationToken).ConfigureAwait(false))
            .Select(WaldurOrder.From)];

    /// <summary>One order.</summary>
    public async Task<WaldurOrder> GetOrderAsync(string uuid, CancellationToken cancellationToken)
        => WaldurOrder.From(await GetAsync($"marketplace-orders/{Uri.EscapeDataString(uuid)}/", cancellationToken).ConfigureAwait(false));

    /// <summary>Orders a tenant named <paramref name="name"/> on the offering's site for the project.</summary>
    public async Task<WaldurOrder> OrderTenantAsync(WaldurProject project, WaldurOffering offering, string name, string description, IReadOnlyDictionary<string, long>? limits, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["offering"] = offering.Url,
            ["project"] = project.Url,
            ["plan"] = offering.PlanUrl ?? throw new CloudProtocolException($"the portal's offering {offering.Name} has no active plan"),
            ["attributes"] = new JsonObject { ["name"] = name, ["description"] = description },
            ["accepting_terms_of_service"] = true,
        };
        if (limits is { Count: > 0 })
        {
            body["limits"] = LimitsJson(limits);
        }

        return WaldurOrder.From(await PostAsync("marketplace-orders/", body, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Asks for new limits of a resource (an Update order); returns the order uuid.</summary>
    public async Task<string> UpdateLimitsAsync(string resourceUuid, IReadOnlyDictionary<string, long> limits, CancellationToken cancellationToken)
        => OrderUuid(await PostAsync($"marketplace-resources/{Uri.EscapeDataString(resourceUuid)}/update_limits/", new JsonObject { ["limits"] = LimitsJson(limits) }, cancellationToken).ConfigureAwait(false), "update_limits");

    /// <summary>Asks for the termination of a resource (a Terminate order); returns the order uuid.</summary>
    public async Task<string> TerminateAsync(string resourceUuid, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["attributes"] = new JsonObject { ["delete_volumes"] = true, ["release_floating_ips"] = true } };
        return OrderUuid(await PostAsync($"marketplace-resources/{Uri.EscapeDataString(resourceUuid)}/terminate/", body, cancellationToken).ConfigureAwait(false), "terminate");
    }

    /// <summary>The tenant behind a tenant resource (<c>resource_uuid</c>), its credentials included.</summary>
    public async Task<WaldurTenant> GetTenantAsync(string tenantUuid, CancellationToken cancellationToken)
        => WaldurTenant.From(await GetAsync($"openstack-tenants/{Uri.EscapeDataString(tenantUuid)}/", cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Waits for an order to finish. In <c>pending-consumer</c> it is approved as consumer once
    /// (when the token may; a refusal means someone else must); in <c>pending-provider</c> it is
    /// waited for. Ends with the order when <c>done</c>; throws <see cref="WaldurOrderException"/>
    /// when it erred, was rejected or canceled, or is still pending when <paramref name="timeout"/>
    /// is over (the message names <paramref name="what"/>, the order and who must approve it).
    /// </summary>
    public async Task<WaldurOrder> WaitForOrderAsync(string orderUuid, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var triedConsumer = false;
        var started = Stopwatch.GetTimestamp();
        WaldurOrder last = new(orderUuid, "", "unknown", null, null, null, null);
        try
        {
            return await Poller.UntilAsync(what, timeout, async ct =>
            {
                last = await GetOrderAsync(orderUuid, ct).ConfigureAwait(false);
                if (last.IsDone)
                {
                    return PollStep<WaldurOrder>.Done(last);
                }

                if (last.IsFailed)
                {
                    throw new WaldurOrderException(last, $"{what}: order {last.Uuid} {last.State}{(last.ErrorMessage is null ? "" : ": " + last.ErrorMessage)}");
                }

                if (last.State == WaldurOrder.PendingConsumer && !triedConsumer)
                {
                    triedConsumer = true;
                    try
                    {
                        await SendAsync(HttpMethod.Post, $"marketplace-orders/{Uri.EscapeDataString(orderUuid)}/approve_by_consumer/", new JsonObject(), ct).ConfigureAwait(false);
                        return PollStep<WaldurOrder>.Pending("approved by consumer");
                    }
                    catch (CloudApiException e) when (e.StatusCode is 403 or 409)
                    {
                        // Not ours to approve (or someone just did): keep waiting.
                    }
                }

                return PollStep<WaldurOrder>.Pending(last.State);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudTimeoutException)
        {
            var who = last.State switch
            {
                WaldurOrder.PendingConsumer => "an owner or manager of the project's customer must approve it in the portal (approve_by_consumer); this token may not",
                WaldurOrder.PendingProvider => "the service provider of the offering (the site's operators, or portal staff) must approve it in the portal (approve_by_provider)",
                _ => "the portal has not finished it",
            };
            throw new WaldurOrderException(last, $"{what}: order {last.Uuid} is still {last.State} after {Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds)} s: {who}. Apply again once it is approved (the order is kept and resumed), or raise the timeout");
        }
    }

    private static JsonObject LimitsJson(IReadOnlyDictionary<string, long> limits)
    {
        var json = new JsonObject();
        foreach (var (key, value) in limits.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[key] = value;
        }

        return json;
    }

    private static string OrderUuid(JsonObject answer, string action)
        => WaldurJson.Text(answer["order_uuid"]) ?? throw new CloudProtocolException($"the portal answered {action} without an order_uuid");
}
