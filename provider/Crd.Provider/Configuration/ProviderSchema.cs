using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Validators;

namespace Crd.Provider.Configuration;

/// <summary>The provider block's schema (DESIGN.md §6; docs/index.md is generated from it).</summary>
internal static class ProviderSchema
{
    public static SchemaDefinition Definition { get; } = new(new Block
    {
        Description = "One provider for the whole CRD federation: OpenStack sites, the Waldur portal and Onedata.",
        Attributes =
        {
            new SchemaAttribute("portal_url", CtyType.String)
            {
                Optional = true,
                Description = "Base URL of the Waldur portal API, e.g. `https://portal.example/api/`. Defaults to the `CRD_PORTAL_URL` environment variable.",
                Validators = [StringValidators.Url()],
            },
            new SchemaAttribute("portal_token", CtyType.String)
            {
                Optional = true,
                Sensitive = true,
                Description = "Waldur API token. Defaults to `CRD_PORTAL_TOKEN`.",
            },
            new SchemaAttribute("onezone_url", CtyType.String)
            {
                Optional = true,
                Description = "Base URL of the Onezone service. Defaults to `CRD_ONEZONE_URL`.",
                Validators = [StringValidators.Url()],
            },
            new SchemaAttribute("onezone_token", CtyType.String)
            {
                Optional = true,
                Sensitive = true,
                Description = "Onezone access token. Defaults to `CRD_ONEZONE_TOKEN`.",
            },
            new SchemaAttribute("default_site", CtyType.String)
            {
                Optional = true,
                Description = "Site used by resources that do not name one. Must be one of the `site` blocks. Defaults to `CRD_DEFAULT_SITE`, else the only site when there is exactly one.",
            },
            new SchemaAttribute("clouds_yaml", CtyType.String)
            {
                Optional = true,
                Description = "Path of a `clouds.yaml` whose entries `site` blocks may name with `cloud`. Defaults to `OS_CLIENT_CONFIG_FILE`, then `./clouds.yaml`, `~/.config/openstack/clouds.yaml`, `/etc/openstack/clouds.yaml`.",
            },
            new SchemaAttribute("max_retries", CtyType.Number)
            {
                Optional = true,
                Description = "How many times a request is retried on 429, 502-504 and connection resets, with jittered backoff. Default 5.",
                Validators = [NumberValidators.IntegerBetween(0, 50)],
            },
        },
        Blocks =
        {
            new NestedBlock("site", NestingMode.List, SiteBlock),
        },
    });

    private static Block SiteBlock => new()
    {
        Description = "One OpenStack site of the federation and how to reach it.",
        Attributes =
        {
            new SchemaAttribute("name", CtyType.String)
            {
                Required = true,
                Description = "Name resources use to refer to the site, e.g. `toulouse`.",
                Validators = [StringValidators.Matches(new System.Text.RegularExpressions.Regex("^[a-z][a-z0-9-]{0,62}$"), "must start with a lower-case letter and contain only lower-case letters, digits and dashes")],
            },
            new SchemaAttribute("cloud", CtyType.String)
            {
                Optional = true,
                Description = "Name of a `clouds.yaml` entry supplying `auth_url`, `region` and the application credential. Fields set in this block win over the entry's.",
            },
            new SchemaAttribute("auth_url", CtyType.String)
            {
                Optional = true,
                Description = "Keystone v3 endpoint, e.g. `https://keystone.example:5000/v3`.",
                Validators = [StringValidators.Url()],
            },
            new SchemaAttribute("region", CtyType.String)
            {
                Optional = true,
                Description = "Region of the site's endpoints in the Keystone catalog. Default: the first region found.",
            },
            new SchemaAttribute("application_credential_id", CtyType.String)
            {
                Optional = true,
                Description = "Keystone application credential id.",
            },
            new SchemaAttribute("application_credential_secret", CtyType.String)
            {
                Optional = true,
                Sensitive = true,
                Description = "Keystone application credential secret.",
            },
            new SchemaAttribute("admin_cloud", CtyType.String)
            {
                Optional = true,
                Description = "Name of a `clouds.yaml` entry holding an admin application credential of the site (e.g. crd-sim's `crd-<site>-admin`). Only `crd_quota` uses it, to change the quotas of the credentials' own project through Nova, Cinder and Neutron.",
            },
            new SchemaAttribute("admin_application_credential_id", CtyType.String)
            {
                Optional = true,
                Description = "Id of an admin application credential of the site (instead of `admin_cloud`); used by `crd_quota` only.",
            },
            new SchemaAttribute("admin_application_credential_secret", CtyType.String)
            {
                Optional = true,
                Sensitive = true,
                Description = "Secret of `admin_application_credential_id`.",
            },
            new SchemaAttribute("onepanel_url", CtyType.String)
            {
                Optional = true,
                Description = "Onepanel endpoint of the site's Oneprovider; lets `crd_onedata_space` grant support.",
                Validators = [StringValidators.Url()],
            },
            new SchemaAttribute("onepanel_token", CtyType.String)
            {
                Optional = true,
                Sensitive = true,
                Description = "Onepanel token.",
            },
            new SchemaAttribute("cacert_file", CtyType.String)
            {
                Optional = true,
                Description = "PEM file of the CA that signed the site's certificates.",
            },
            new SchemaAttribute("insecure", CtyType.Bool)
            {
                Optional = true,
                Description = "Skip TLS verification (never in production). Default false.",
            },
        },
    };
}
