using Crd.Provider.Resources.Onedata;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Provider.EphemeralResources;

/// <summary>
/// The attributes <c>crd_onedata_access_token</c> shares as an ephemeral resource and as a data
/// source (docs/ephemeral-resources/onedata_access_token.md, docs/data-sources/onedata_access_token.md).
/// </summary>
internal static class OnedataAccessTokenSchema
{
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(14);

    public static Block Block(string description, string tokenDescription, string ttlDescription) => new()
    {
        Description = description,
        Attributes =
        {
            new Attr("space_id", CtyType.String) { Required = true, Description = "Id of the space the token gives access to (`crd_onedata_space.x.id`). The token reaches no other data." },
            new Attr("read_only", CtyType.Bool) { Optional = true, Description = "When true, the token can read the space's files but never write them (caveat `data.readonly`). Default false." },
            new Attr("interface", CtyType.String)
            {
                Optional = true,
                Validators = [StringValidators.OneOf("oneclient", "rest", "graphsync")],
                Description = "Restrict the token to one Onedata interface (caveat `interface`): `oneclient` for mounts, `rest` for the REST and CDMI APIs, `graphsync` for the web GUI. Default: any.",
            },
            new Attr("ttl", CtyType.String)
            {
                Optional = true,
                Validators = [DurationValidator.Between(TimeSpan.FromMinutes(1), MaxTtl)],
                Description = ttlDescription,
            },
            new Attr("token", CtyType.String) { Computed = true, Sensitive = true, Description = tokenDescription },
            new Attr("expires_at", CtyType.String) { Computed = true, Description = "When the token expires (RFC 3339, UTC; its `time` caveat); null when it does not." },
            new Attr("provider_hosts", CtyType.List(CtyType.String))
            {
                Computed = true,
                Description = "Domains of the Oneproviders supporting the space, the hosts `oneclient -H` can mount it from (empty while no site supports it).",
            },
        },
    };
}
