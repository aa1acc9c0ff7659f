using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Provider.Resources.Onedata;

/// <summary>The schema of <c>crd_onedata_space</c> (docs/resources/onedata_space.md is generated from it).</summary>
internal static class OnedataSpaceSchema
{
    public const string Supported = "supported";
    public const string Pending = "pending";

    public static SchemaDefinition Definition { get; } = new(0, new Block
    {
        Description = "A Onedata space in the federation's Onezone, supported with storage by the Oneproviders of one or more sites. " +
            "Support is granted, resized and revoked in place through a site's Onepanel when the provider block has that site's `onepanel_url` and `onepanel_token`; " +
            "for any other site the resource issues a single-use support token for that site's administrators and the support stays `pending` until they grant it.",
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "Onezone space id." },
            new Attr("name", CtyType.String)
            {
                Required = true,
                Validators = [StringValidators.LengthBetween(2, 50)],
                Description = "Space name (2 to 50 characters, Onezone's rule). Changes in place.",
            },
            new Attr("deletion_protection", CtyType.Bool)
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.Bool(true),
                Description = "While true (the default), destroying the space (and the data every provider holds for it) fails at plan time. Set it to false and apply before destroying.",
            },
            new Attr("support_token_ttl", CtyType.String)
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.String("168h"),
                Validators = [DurationValidator.Between(TimeSpan.FromMinutes(5), TimeSpan.FromDays(30))],
                Description = "How long a support token issued for a site without Onepanel credentials stays valid (its time caveat), as a duration such as `72h`. Default `168h` (7 days). An expired token of a support still pending is replaced at the next apply.",
            },
            new Attr("providers", CtyType.Map(CtyType.Number))
            {
                Computed = true,
                Description = "Every Oneprovider supporting the space (whoever granted it): provider id to support size in bytes, as Onezone reports it.",
            },
        },
        Blocks =
        {
            new NestedBlock("support", NestingMode.List, SupportBlock),
        },
    });

    private static Block SupportBlock => new()
    {
        Description = "Storage given to the space by one site's Oneprovider. One block per site.",
        Attributes =
        {
            new Attr("site", CtyType.String)
            {
                Required = true,
                Validators = [StringValidators.Matches(new System.Text.RegularExpressions.Regex("^[a-z][a-z0-9-]{0,62}$"), "must be a site name (lower-case letters, digits and dashes)")],
                Description = "Site whose Oneprovider supports the space. With `onepanel_url`/`onepanel_token` for this site in the provider block, support is granted, resized and revoked directly; otherwise a `support_token` is issued for the site's administrators.",
            },
            new Attr("size_gb", CtyType.Number)
            {
                Required = true,
                Validators = [NumberValidators.IntegerBetween(1, 1_048_576)],
                Description = "Support size in GiB (2^30 bytes). Changes in place through the site's Onepanel; the storage must have room for it. For a site without Onepanel credentials it is the size you ask its administrators for (the granted size shows in `providers`).",
            },
            new Attr("storage_id", CtyType.String)
            {
                Optional = true,
                Computed = true,
                Description = "Onepanel storage id that holds the space's data at this site. Defaults to the site's only storage (a site with several must be told). Cannot change once support is granted. Only for sites with Onepanel credentials.",
            },
            new Attr("provider_id", CtyType.String) { Computed = true, Description = "The site's Oneprovider id once it supports the space; null while support is pending." },
            new Attr("status", CtyType.String) { Computed = true, Description = "`supported`, or `pending` while a site without Onepanel credentials has not yet used its support token." },
            new Attr("support_token", CtyType.String)
            {
                Computed = true,
                Sensitive = true,
                Description = "For a site without Onepanel credentials, while support is pending: a single-use Onezone invite token of type `supportSpace`, limited to this space and to `support_token_ttl`, to hand to that site's administrators (Onepanel: *Spaces > Support space*). Null otherwise. Stored in the state: keep the state private.",
            },
            new Attr("support_token_expires_at", CtyType.String) { Computed = true, Description = "When `support_token` expires (RFC 3339, UTC); null when there is no token." },
        },
    };
}
