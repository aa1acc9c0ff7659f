using System.Text.Json.Nodes;

namespace Crd.Cloud.Quota;

/// <summary>
/// Changes the quotas of a project through Nova (<c>PUT os-quota-sets/{p}</c>: cores, ram in MB,
/// instances), Cinder (<c>PUT os-quota-sets/{p}</c>: volumes, gigabytes) and Neutron
/// (<c>PUT quotas/{p}</c>: floatingip). Needs a session with the admin role; only the limits
/// given are sent (terraform-provider-openstack #973: sending unset ones resets them).
/// </summary>
public sealed class QuotaAdminClient(SiteSession admin)
{
    /// <summary>Sets the given limits (null members are left alone).</summary>
    public async Task SetAsync(string projectId, long? cores, long? ramMb, long? instances, long? volumes, long? gigabytes, long? floatingIps, CancellationToken cancellationToken)
    {
        var id = Uri.EscapeDataString(projectId);
        var compute = Set(new JsonObject(), ("cores", cores), ("ram", ramMb), ("instances", instances));
        var volume = Set(new JsonObject(), ("volumes", volumes), ("gigabytes", gigabytes));
        var network = Set(new JsonObject(), ("floatingip", floatingIps));
        if (compute.Count > 0)
        {
            await admin.SendAsync(CloudRequest.Put(CloudService.Compute, $"/os-quota-sets/{id}", new JsonObject { ["quota_set"] = compute }), cancellationToken).ConfigureAwait(false);
        }

        if (volume.Count > 0)
        {
            await admin.SendAsync(CloudRequest.Put(CloudService.Volume, $"/os-quota-sets/{id}", new JsonObject { ["quota_set"] = volume }), cancellationToken).ConfigureAwait(false);
        }

        if (network.Count > 0)
        {
            await admin.SendAsync(CloudRequest.Put(CloudService.Network, $"/quotas/{id}", new JsonObject { ["quota"] = network }), cancellationToken).ConfigureAwait(false);
        }
    }

    private static JsonObject Set(JsonObject body, params (string Name, long? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (value is { } v)
            {
                body[name] = v;
            }
        }

        return body;
    }
}
