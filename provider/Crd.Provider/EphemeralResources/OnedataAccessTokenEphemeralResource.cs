using Crd.Cloud;
using Crd.Terraform.Plugin.EphemeralResources;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Provider.EphemeralResources;

/// <summary>
/// The <c>crd_onedata_access_token</c> ephemeral resource (Terraform >= 1.10;
/// docs/ephemeral-resources/onedata_access_token.md): a temporary Onezone access token limited to
/// one space, opened for each run and never written to plan or state. It stays valid for its TTL
/// after the run (a VM mounts the space with it at boot), so Close revokes nothing.
/// </summary>
internal sealed class OnedataAccessTokenEphemeralResource : IEphemeralResource, IResourceWithConfigure
{
    private static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(24);
    private object? _context;

    public string TypeName => "crd_onedata_access_token";

    public SchemaDefinition Schema { get; } = new(OnedataAccessTokenSchema.Block(
        "A temporary Onezone access token limited to one space, optionally read-only, restricted to one interface and time-limited: for a VM or notebook to mount the space with oneclient (through a write-only argument) without a user's full token. Ephemeral: never stored in plan or state; each run issues a new one.",
        "The access token (a temporary Onezone token carrying the caveats above). Use it only in write-only arguments, provider blocks or other ephemeral contexts.",
        "Lifetime of the token (its `time` caveat), as a duration such as `8h`; at most `336h` (14 days, Onezone's limit for temporary tokens). Default `24h`. Temporary tokens cannot be revoked one by one: keep it as short as the use allows."));

    public void Configure(object? providerData) => _context = providerData;

    public async Task OpenAsync(EphemeralOpenRequest request, EphemeralOpenResponse response, CancellationToken cancellationToken)
    {
        var config = request.Config;
        if (OnedataAccessTokenIssuer.From(_context, TypeName, response.Diagnostics) is not { } issuer)
        {
            return;
        }

        try
        {
            if (await issuer.ProviderHostsAsync(config.GetString("space_id")!, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } hosts)
            {
                return;
            }

            var ttl = OnedataAccessTokenIssuer.Ttl(config, DefaultTtl)!.Value;
            var (token, until) = await issuer.IssueTemporaryAsync(config, ttl, cancellationToken).ConfigureAwait(false);
            OnedataAccessTokenIssuer.Fill(response.Result, token.Serialized, until, hosts);
        }
        catch (CloudException e)
        {
            OnedataAccessTokenIssuer.Report(e, TypeName, response.Diagnostics);
        }
    }
}
