using System.Text.RegularExpressions;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Provider.Resources.Portal;

/// <summary>The schema of <c>crd_project</c> (docs/resources/project.md).</summary>
internal static partial class ProjectSchema
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(20);

    /// <summary>The object type of one entry of <c>tenants</c>.</summary>
    public static CtyType TenantType { get; } = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["project_id"] = CtyType.String,
        ["network_id"] = CtyType.String,
        ["subnet_id"] = CtyType.String,
        ["state"] = CtyType.String,
        ["resource_id"] = CtyType.String,
    });

    public static SchemaDefinition Definition { get; } = new(0, new Block
    {
        Description = "A project in the Waldur portal with a tenant (an OpenStack project) on each of its sites. Sites are added and removed in place, through marketplace orders.",
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "Portal project uuid. Give it as `project` to site-bound resources (`crd_vm`, `crd_volume`...) to create them in the project's tenant, and to `crd_quota`." },
            new Attr("name", CtyType.String) { Required = true, Validators = [StringValidators.LengthBetween(1, 150)], Description = "Project name in the portal. Changes in place." },
            new Attr("description", CtyType.String) { Optional = true, Computed = true, Default = CtyValue.String(""), Description = "Free text. Changes in place." },
            new Attr("customer", CtyType.String)
            {
                Required = true,
                PlanModifiers = [RequiresReplace.Always],
                Description = "The customer (organisation) that owns the project: its name (`demo-lab`) or uuid. Changing it creates a new project.",
            },
            new Attr("sites", CtyType.Set(CtyType.String))
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.Set(CtyType.String, []),
                Description = "Sites where the project has a tenant. Adding a site orders an `OpenStack.Tenant` on it; removing one terminates that tenant **and everything in it**. Both in place.",
            },
            new Attr("end_date", CtyType.String)
            {
                Optional = true,
                Validators = [StringValidators.Matches(DatePattern(), "must be a date YYYY-MM-DD")],
                Description = "Last day of the project (YYYY-MM-DD); the portal ends its resources after it. Changes in place.",
            },
            new Attr("deletion_protection", CtyType.Bool)
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.True,
                Description = "While true (the default), Terraform refuses to destroy or replace the project. Set it to false and apply before destroying.",
            },
            new Attr("tenants", CtyType.Map(TenantType))
            {
                Computed = true,
                Description = "The tenant on each site, by site name: `project_id` (OpenStack project), `network_id` and `subnet_id` (its internal network), `state` (the portal's resource state: `OK`, `Creating`, `Updating`...) and `resource_id` (marketplace resource uuid).",
            },
        },
        Blocks = { Timeouts.Block(DefaultTimeout, DefaultTimeout, DefaultTimeout) },
    });

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex DatePattern();
}
