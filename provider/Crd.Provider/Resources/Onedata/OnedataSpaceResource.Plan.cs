using System.Globalization;
using Crd.Cloud;
using Crd.Cloud.Onedata;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Resources.Onedata;

internal sealed partial class OnedataSpaceResource
{
    /// <summary>
    /// Plans each support block by site against the prior state: Onepanel sites resolve their
    /// storage (and must keep it) and show their provider id; other sites show `pending` with a
    /// warning, a new token when theirs expired; `providers` is unknown only when supports change.
    /// Destroying a protected space fails here, before anything is touched.
    /// </summary>
    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var prior = request.PriorState;
        var plan = response.Plan;
        if (plan.IsNull)
        {
            if (!prior.IsNull && prior.GetBool("deletion_protection") != false)
            {
                response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute("deletion_protection"), "Space Is Protected", ProtectedDetail(prior));
            }

            return;
        }

        if (_context is null)
        {
            return;
        }

        if (Remote(response.Diagnostics) is not { } remote)
        {
            return;
        }

        var configured = request.Config.GetBlocks("support");
        var elements = plan.GetBlocks("support");
        if (!plan.Get("support").IsKnown)
        {
            plan.SetUnknown("providers");
            return;
        }

        var priorSupports = Entries(prior);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var planned = new List<ResourceData>(elements.Count);
        var changed = prior.IsNull || elements.Count != priorSupports.Count;
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            var config = i < configured.Count ? configured[i] : element;
            var path = SupportPath.Index(i);
            if (element.GetString("site") is not { } site)
            {
                // A site known only at apply: nothing to check yet.
                changed = true;
                planned.Add(element);
                continue;
            }

            if (seen.TryGetValue(site, out var first))
            {
                response.Diagnostics.AddAttributeError(path.Attribute("site"), "Duplicate Support Site",
                    $"support[{first}] and support[{i}] both name site \"{site}\": a Oneprovider supports a space once; give each site one block.");
                continue;
            }

            seen[site] = i;
            var before = priorSupports.FirstOrDefault(p => p.Site == site);
            var next = remote.Panel(site) is { } panel
                ? await PlanOnepanelSupportAsync(panel, element, config, before, path, response.Diagnostics, cancellationToken).ConfigureAwait(false)
                : await PlanTokenSupportAsync(remote, element, config, before, path, response.Diagnostics, cancellationToken).ConfigureAwait(false);
            changed |= before is null || before.SizeBytes != (element.GetDouble("size_gb") is { } gb ? new SupportEntry(site, gb, null, null, "", null, null).SizeBytes : -1)
                || i >= priorSupports.Count || priorSupports[i].Site != site || next.IsUnknown("support_token");
            planned.Add(next);
        }

        if (response.Diagnostics.HasErrors)
        {
            return;
        }

        plan.SetBlocks("support", planned);
        if (changed)
        {
            plan.SetUnknown("providers");
        }
        else
        {
            plan.Set("providers", prior.Get("providers"));
        }
    }

    private static async Task<ResourceData> PlanOnepanelSupportAsync(OnepanelClient panel, ResourceData element, ResourceData config, SupportEntry? before, CtyPath path, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        var site = panel.Site;
        try
        {
            var wanted = config.GetString("storage_id");
            var storageId = wanted ?? (before is { IsPending: false } ? before.StorageId : null);
            if (wanted is not null && (before is null || before.StorageId != wanted))
            {
                var storages = await panel.ListStoragesAsync(cancellationToken).ConfigureAwait(false);
                if (!storages.Any(s => s.Id == wanted))
                {
                    diagnostics.AddAttributeError(path.Attribute("storage_id"), "Unknown Storage",
                        $"The Oneprovider of site \"{site}\" has no storage \"{wanted}\". Its storages: {OnedataSpaceRemote.Describe(storages)}.");
                }
            }

            if (before is { IsPending: false, StorageId: { } held } && storageId is not null && storageId != held)
            {
                diagnostics.AddAttributeError(path.Attribute("storage_id"), "Storage Cannot Change",
                    $"Site \"{site}\" supports this space from storage \"{held}\". Onedata cannot move a support to another storage: remove this support block and apply (the site's copy of the data is lost), then add it back with the new storage_id.");
            }

            storageId ??= (await OnedataSpaceRemote.DefaultStorageAsync(panel, cancellationToken).ConfigureAwait(false)).Id;
            element.SetString("storage_id", storageId);
            element.SetString("provider_id", (await panel.GetProviderAsync(cancellationToken).ConfigureAwait(false)).Id);
        }
        catch (CloudException e)
        {
            diagnostics.AddAttributeError(path, "Cannot Check Site Storage", e.Message);
        }

        element.SetString("status", OnedataSpaceSchema.Supported);
        element.SetString("support_token", null);
        element.SetString("support_token_expires_at", null);
        return element;
    }

    private static async Task<ResourceData> PlanTokenSupportAsync(OnedataSpaceRemote remote, ResourceData element, ResourceData config, SupportEntry? before, CtyPath path, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        var site = element.GetString("site")!;
        if (config.GetString("storage_id") is { } storage)
        {
            diagnostics.AddAttributeError(path.Attribute("storage_id"), "Storage Needs Onepanel",
                $"storage_id \"{storage}\" cannot be chosen for site \"{site}\": the provider block has no onepanel_url/onepanel_token for it, so its administrators choose the storage when they use the support token. Remove storage_id, or add the site's Onepanel credentials.");
            return element;
        }

        element.SetString("storage_id", null);
        if (before is { IsPending: false })
        {
            element.SetString("provider_id", before.ProviderId);
            element.SetString("status", OnedataSpaceSchema.Supported);
            element.SetString("support_token", null);
            element.SetString("support_token_expires_at", null);
            if (before.SizeBytes != SizeBytesOf(element))
            {
                diagnostics.AddAttributeWarning(path.Attribute("size_gb"), "Support Size Not Sent",
                    $"Site \"{site}\" has no Onepanel credentials in the provider block, so its support cannot be resized from here: size_gb records the size you ask for; ask the site's administrators to apply it.");
            }

            return element;
        }

        element.SetString("provider_id", null);
        element.SetString("status", OnedataSpaceSchema.Pending);
        var renew = before is null;
        if (before is { TokenExpiresAt: { } expires } && DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until))
        {
            try
            {
                renew = until <= await remote.NowAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (CloudException e)
            {
                diagnostics.AddAttributeError(path, "Cannot Read Onezone Time", e.Message);
            }
        }

        if (renew)
        {
            element.SetUnknown("support_token");
            element.SetUnknown("support_token_expires_at");
        }
        else
        {
            element.SetString("support_token", before!.SupportToken);
            element.SetString("support_token_expires_at", before.TokenExpiresAt);
        }

        diagnostics.AddAttributeWarning(path, "Support Pending",
            $"Site \"{site}\" has no onepanel_url/onepanel_token in the provider block, so Terraform cannot grant its support. " +
            $"{(renew ? (before is null ? "A" : "The previous token expired: a new") + " single-use support token will be issued" : "A support token is waiting")}: hand `{path}.support_token` to the administrators of \"{site}\" (Onepanel: Spaces > Support space). " +
            "The support shows as supported once they grant it.");
        return element;
    }

    private static long SizeBytesOf(ResourceData element) => element.GetDouble("size_gb") is { } gb ? new SupportEntry("", gb, null, null, "", null, null).SizeBytes : -1;
}
