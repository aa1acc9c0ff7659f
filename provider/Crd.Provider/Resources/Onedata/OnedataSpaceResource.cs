using System.Globalization;
using Crd.Cloud;
using Crd.Cloud.Onedata;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Provider.Resources.Onedata;

/// <summary>
/// <c>crd_onedata_space</c> (docs/resources/onedata_space.md): a Onezone space, renamed in
/// place, whose <c>support</c> blocks grant, resize and revoke storage at each site's
/// Oneprovider through its Onepanel, or, for a site without Onepanel credentials, issue a
/// single-use support token and show the support as pending until the site grants it.
/// </summary>
internal sealed partial class OnedataSpaceResource : IResource, IResourceWithConfigure, IResourceWithModifyPlan, IResourceWithImportState
{
    private static readonly CtyPath SupportPath = CtyPath.Root.Attribute("support");
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(168);

    private ProviderContext? _context;

    public string TypeName => "crd_onedata_space";

    public SchemaDefinition Schema => OnedataSpaceSchema.Definition;

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    public async Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        var plan = request.Plan;
        if (Remote(response.Diagnostics) is not { } remote)
        {
            return;
        }

        var state = response.State;
        var done = new List<SupportEntry>();
        try
        {
            var id = await remote.Onezone.CreateSpaceAsync(plan.GetString("name")!, cancellationToken).ConfigureAwait(false);

            // From here on the space exists: keep its id even if granting support fails (tainted).
            state.SetString("id", id);
            state.SetBlocks("support", []);
            state.Set("providers", CtyValue.Map(CtyType.Number, []));
            await ApplySupportsAsync(remote, id, [], Entries(plan), plan, done, response.Private, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            var kept = state.GetString("id") is { } id ? $" Space {id} is kept in the state as tainted: the next apply replaces it." : "";
            response.Diagnostics.AddError("Space Create Failed", e.Message + kept);
        }

        if (state.GetString("id") is { } created)
        {
            await FillAsync(remote, created, done, state, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        if (Remote(response.Diagnostics) is not { } remote || request.State.GetString("id") is not { } id)
        {
            return;
        }

        try
        {
            if (await remote.RefreshAsync(id, Entries(request.State), cancellationToken).ConfigureAwait(false) is not { } found)
            {
                response.RemoveResource();
                return;
            }

            Fill(response.State, found.Space, found.Supports);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Read Space", e.Message);
        }
    }

    public async Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        var plan = request.Plan;
        var prior = request.PriorState;
        var id = prior.GetString("id")!;
        if (Remote(response.Diagnostics) is not { } remote)
        {
            return;
        }

        var done = Entries(prior).ToList();
        try
        {
            if (plan.GetString("name") is { } name && name != prior.GetString("name"))
            {
                await remote.Onezone.RenameSpaceAsync(id, name, cancellationToken).ConfigureAwait(false);
            }

            await ApplySupportsAsync(remote, id, Entries(prior), Entries(plan), plan, done, response.Private, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Space Update Failed", e.Message);
        }

        await FillAsync(remote, id, done, response.State, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        var prior = request.PriorState;
        if (prior.GetBool("deletion_protection") != false)
        {
            response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute("deletion_protection"), "Space Is Protected", ProtectedDetail(prior));
            return;
        }

        if (Remote(response.Diagnostics) is not { } remote || prior.GetString("id") is not { } id)
        {
            return;
        }

        try
        {
            // Revoke at each Onepanel first so that no provider keeps the space's storage, then
            // delete the space and every support token issued for it.
            foreach (var support in Entries(prior).Where(s => remote.Panel(s.Site) is not null))
            {
                await remote.RevokeAsync(id, support, request.Private, cancellationToken).ConfigureAwait(false);
            }

            await remote.DeleteSpentTokensAsync([], request.Private, all: true, cancellationToken).ConfigureAwait(false);
            await remote.Onezone.DeleteSpaceAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Space Delete Failed", e.Message);
        }
    }

    public async Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        var id = request.Id.Trim();
        if (id.Length == 0 || id.Contains('/', StringComparison.Ordinal))
        {
            response.Diagnostics.AddError("Invalid Import Id", $"\"{request.Id}\" is not a space id: import crd_onedata_space by its Onezone space id (the `id` attribute, as in Onezone's URL of the space).");
            return;
        }

        if (Remote(response.Diagnostics) is not { } remote)
        {
            return;
        }

        try
        {
            if (await remote.Onezone.FindSpaceAsync(id, cancellationToken).ConfigureAwait(false) is not { } space)
            {
                response.Diagnostics.AddError("Space Not Found", $"Onezone has no space \"{id}\" that the provider's onezone_token can see.");
                return;
            }

            var state = response.State;
            state.SetString("id", id);
            state.SetBool("deletion_protection", true);
            state.SetString("support_token_ttl", "168h");
            Fill(state, space, await remote.DiscoverAsync(space, cancellationToken).ConfigureAwait(false));
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Import Space", e.Message);
        }
    }

    /// <summary>
    /// Revokes the supports the plan drops, resizes those it changes, grants the new ones and
    /// issues or renews support tokens; <paramref name="done"/> follows what really happened so
    /// that a failure half-way records the truth.
    /// </summary>
    private static async Task ApplySupportsAsync(OnedataSpaceRemote remote, string id, IReadOnlyList<SupportEntry> prior, IReadOnlyList<SupportEntry> planned, ResourceData plan, List<SupportEntry> done, PrivateState @private, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        var wanted = planned.Select(p => p.Site).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in prior.Where(p => !wanted.Contains(p.Site)))
        {
            await remote.RevokeAsync(id, gone, @private, cancellationToken).ConfigureAwait(false);
            done.RemoveAll(d => d.Site == gone.Site);
        }

        var lifetime = Timeouts.TryParse(plan.GetString("support_token_ttl") ?? "", out var ttl) ? ttl : DefaultTokenLifetime;
        var elements = plan.GetBlocks("support");
        for (var i = 0; i < planned.Count; i++)
        {
            var entry = planned[i];
            var before = prior.FirstOrDefault(p => p.Site == entry.Site);
            var panel = remote.Panel(entry.Site);
            SupportEntry result;
            try
            {
                if (panel is not null)
                {
                    result = before is null || before.IsPending
                        ? await remote.GrantAsync(panel, id, entry, cancellationToken).ConfigureAwait(false)
                        : before with { SizeGb = entry.SizeGb };
                    if (before is { IsPending: false } && before.SizeBytes != entry.SizeBytes)
                    {
                        await remote.ResizeAsync(panel, id, entry with { StorageId = before.StorageId }, cancellationToken).ConfigureAwait(false);
                    }
                }
                else if (before is null || (before.IsPending && i < elements.Count && elements[i].IsUnknown("support_token")))
                {
                    result = await remote.IssueTokenAsync(id, entry, lifetime, @private, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // Without Onepanel, size_gb is the size asked for: nothing to send.
                    result = before with { SizeGb = entry.SizeGb };
                }
            }
            catch (CloudException e)
            {
                diagnostics.AddAttributeError(SupportPath.Index(i), "Support Change Failed", e.Message);
                continue;
            }

            var at = done.FindIndex(d => d.Site == entry.Site);
            if (at >= 0)
            {
                done[at] = result;
            }
            else
            {
                done.Add(result);
            }
        }

        await remote.DeleteSpentTokensAsync(done, @private, all: false, cancellationToken).ConfigureAwait(false);

        // The state lists supports in the order of the configuration.
        done.Sort((a, b) => Position(planned, a.Site).CompareTo(Position(planned, b.Site)));
    }

    private static int Position(IReadOnlyList<SupportEntry> planned, string site)
    {
        var index = planned.ToList().FindIndex(p => p.Site == site);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>Reads back what Onezone and the Onepanels report and writes it into the state (best effort after an error).</summary>
    private static async Task FillAsync(OnedataSpaceRemote remote, string id, List<SupportEntry> done, ResourceData state, ResourceData plan, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        state.SetString("name", state.GetString("name") ?? plan.GetString("name"));
        try
        {
            if (await remote.RefreshAsync(id, done, cancellationToken).ConfigureAwait(false) is { } found)
            {
                // Keep the configured spelling of size_gb when it denotes the same bytes.
                var supports = found.Supports.Select(s => done.FirstOrDefault(d => d.Site == s.Site) is { } d && d.SizeBytes == s.SizeBytes ? s with { SizeGb = d.SizeGb } : s).ToList();
                Fill(state, found.Space, supports);
                return;
            }

            diagnostics.AddError("Space Disappeared", $"Space {id} no longer exists in Onezone: something deleted it during the apply.");
        }
        catch (CloudException e)
        {
            if (!diagnostics.HasErrors)
            {
                diagnostics.AddError("Cannot Read Space", e.Message);
            }
        }

        state.SetBlocks("support", done.Select(d => d.ToElement(state)));
    }

    private static void Fill(ResourceData state, OnedataSpace space, IReadOnlyList<SupportEntry> supports)
    {
        state.SetString("id", space.Id);
        state.SetString("name", space.Name);
        state.Set("providers", CtyValue.Map(CtyType.Number, space.Providers.Select(kv => KeyValuePair.Create(kv.Key, CtyValue.Number(kv.Value)))));
        state.SetBlocks("support", supports.Select(s => s.ToElement(state)));
    }

    private static IReadOnlyList<SupportEntry> Entries(ResourceData data)
        => [.. data.GetBlocks("support").Select(SupportEntry.From).OfType<SupportEntry>()];

    private OnedataSpaceRemote? Remote(DiagnosticCollection diagnostics)
    {
        if (_context is null)
        {
            diagnostics.AddError("Provider Not Configured", "crd_onedata_space needs a configured provider.");
            return null;
        }

        if (_context.Onezone is not { } onezone)
        {
            diagnostics.AddError("Missing Onezone Configuration",
                "crd_onedata_space talks to Onezone: set `onezone_url` and `onezone_token` in the provider block (or CRD_ONEZONE_URL and CRD_ONEZONE_TOKEN).");
            return null;
        }

        return new OnedataSpaceRemote(_context, onezone);
    }

    private static string ProtectedDetail(ResourceData prior) =>
        $"Space \"{prior.GetString("name")}\" ({prior.GetString("id")}) has deletion_protection = true, so Terraform will not destroy it and the data its providers hold. " +
        "To destroy it, set deletion_protection = false and apply first.";

    private static string Gib(double size) => size.ToString(CultureInfo.InvariantCulture);
}
