using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Provider.Resources.K8s;

/// <summary>The schema of <c>crd_k8s_cluster</c> (DESIGN.md §6), in the order of docs/resources/k8s_cluster.md.</summary>
internal static class K8sClusterSchema
{
    public static readonly TimeSpan CreateTimeout = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan UpdateTimeout = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan DeleteTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Arguments whose change replaces the cluster (besides <c>site</c> and <c>project</c>).</summary>
    public static IReadOnlyList<string> ReplacingArguments { get; } =
        ["name", "master_count", "master_flavor", "worker_flavor", "labels", "key_pair", "floating_ip_enabled", "master_lb_enabled"];

    /// <summary>Computed attributes an in-place update that does not touch Magnum leaves alone.</summary>
    public static IReadOnlyList<string> StableComputed { get; } =
        ["id", "template_id", "status", "api_address", "kubernetes_version", "ca_certificate", "master_addresses", "node_addresses"];

    public static SchemaDefinition Definition { get; } = new(0, new Block
    {
        Description = "A Kubernetes cluster on demand (OpenStack Magnum with the Cluster API driver) on one site of the federation. "
            + "Node groups are added, removed and scaled in place, autoscaling bounds change in place, a new template upgrades the cluster in place. "
            + "Create waits until the cluster is really usable (`CREATE_COMPLETE`), bounded by `timeouts.create`. "
            + "For credentials, use the `crd_k8s_kubeconfig` ephemeral resource: nothing secret is kept in this resource's state.",
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "Magnum cluster uuid." },
            SiteScope.SiteAttribute(),
            SiteScope.ProjectAttribute(),
            new Attr("name", CtyType.String)
            {
                Required = true,
                Validators = [StringValidators.Matches(new System.Text.RegularExpressions.Regex("^[a-zA-Z][a-zA-Z0-9_.-]{0,59}$"), "start with a letter and hold at most 60 letters, digits, `_`, `.` or `-`")],
                PlanModifiers = [RequiresReplace.Always],
                Description = "Cluster name (a letter, then letters, digits, `_`, `.`, `-`; 60 at most). Magnum cannot rename a cluster: changing it creates a new cluster.",
            },
            new Attr("template", CtyType.String)
            {
                Required = true,
                Validators = [StringValidators.LengthBetween(1, 255)],
                Description = "Cluster template name or uuid (see the `crd_k8s_templates` data source). Changing it to another template **upgrades the cluster in place** (Magnum's upgrade action moves the control plane and every node group to the new template's image); a name and the uuid of the same template are the same value.",
            },
            new Attr("template_id", CtyType.String) { Computed = true, Description = "Uuid of the cluster template in use." },
            new Attr("master_count", CtyType.Number)
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.Number(1),
                Validators = [NumberValidators.IntegerBetween(1, 7)],
                PlanModifiers = [RequiresReplace.Always],
                Description = "Control-plane nodes (1, or 3 for a highly available control plane). Changing it creates a new cluster.",
            },
            new Attr("master_flavor", CtyType.String)
            {
                Optional = true,
                Computed = true,
                PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
                Description = "Flavor name or id of the control-plane nodes. Defaults to the template's. Changing it creates a new cluster.",
            },
            new Attr("worker_flavor", CtyType.String)
            {
                Optional = true,
                Computed = true,
                PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
                Description = "Flavor name or id of the default worker group. Defaults to the template's. Changing it creates a new cluster (use a `node_group` for other flavors).",
            },
            new Attr("node_count", CtyType.Number)
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.Number(1),
                Validators = [NumberValidators.IntegerBetween(0, 1000)],
                Description = "Nodes of the default worker group. Changes in place (Magnum's resize action). With `autoscaling`, this is the size the group is set to when the value changes; the autoscaler's own changes are not reported as drift.",
            },
            new Attr("labels", CtyType.Map(CtyType.String))
            {
                Optional = true,
                PlanModifiers = [RequiresReplace.Always],
                Description = "Magnum labels merged over the template's (`monitoring_enabled`, `boot_volume_size`...). The autoscaling labels (`auto_scaling_enabled`, `min_node_count`, `max_node_count`) are set from the `autoscaling` block and must not be given here. Changing labels creates a new cluster (Magnum cannot change them).",
                Validators = [new ManagedLabelsValidator()],
            },
            new Attr("key_pair", CtyType.String)
            {
                Optional = true,
                PlanModifiers = [RequiresReplace.Always],
                Description = "Nova key pair injected into the nodes. Changing it creates a new cluster.",
            },
            new Attr("floating_ip_enabled", CtyType.Bool)
            {
                Optional = true,
                Computed = true,
                PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
                Description = "Give the nodes floating IPs (and the API a public address). Defaults to the template's. Changing it creates a new cluster.",
            },
            new Attr("master_lb_enabled", CtyType.Bool)
            {
                Optional = true,
                Computed = true,
                PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
                Description = "Put the Kubernetes API behind a load balancer. Defaults to the template's. Changing it creates a new cluster.",
            },
            new Attr("status", CtyType.String) { Computed = true, Description = "Magnum status: `CREATE_COMPLETE`, `UPDATE_COMPLETE`, `CREATE_FAILED`..." },
            new Attr("api_address", CtyType.String) { Computed = true, Description = "URL of the Kubernetes API (`https://<ip>:6443`)." },
            new Attr("kubernetes_version", CtyType.String) { Computed = true, Description = "Kubernetes version the cluster runs (Magnum's `coe_version`, e.g. `v1.30.2`)." },
            new Attr("ca_certificate", CtyType.String) { Computed = true, Description = "PEM certificate of the cluster's CA (public: verifies the API server and the client certificates Magnum signs)." },
            new Attr("master_addresses", CtyType.List(CtyType.String)) { Computed = true, Description = "Addresses of the control-plane nodes." },
            new Attr("node_addresses", CtyType.List(CtyType.String)) { Computed = true, Description = "Addresses of the worker nodes (every group)." },
        },
        Blocks =
        {
            new NestedBlock("autoscaling", NestingMode.Single, new Block
            {
                Description = "Let the cluster autoscaler size the default worker group between these bounds. Adding, changing or removing the block changes the bounds in place.",
                Attributes =
                {
                    new Attr("min_nodes", CtyType.Number) { Required = true, Validators = [NumberValidators.IntegerBetween(1, 1000)], Description = "Fewest nodes (at least 1: the driver cannot scale a group from zero)." },
                    new Attr("max_nodes", CtyType.Number) { Required = true, Validators = [NumberValidators.IntegerBetween(1, 1000)], Description = "Most nodes. The plan-time quota check counts this many." },
                },
            }),
            new NestedBlock("node_group", NestingMode.List, new Block
            {
                Description = "An additional worker group. Groups are matched by name: adding or removing a block creates or deletes that group, a new size or new bounds scale it in place; a new flavor or new labels replace that group only (Magnum cannot change them), never the cluster.",
                Attributes =
                {
                    new Attr("name", CtyType.String)
                    {
                        Required = true,
                        Validators = [StringValidators.Matches(new System.Text.RegularExpressions.Regex("^[a-zA-Z][a-zA-Z0-9_.-]{0,59}$"), "start with a letter and hold at most 60 letters, digits, `_`, `.` or `-`")],
                        Description = "Group name, unique in the cluster. `default-worker` and `default-master` are Magnum's own groups: size the default worker group with `node_count` and `autoscaling`.",
                    },
                    new Attr("flavor", CtyType.String) { Required = true, Description = "Flavor name or id of the group's nodes. Changing it replaces the group." },
                    new Attr("node_count", CtyType.Number) { Required = true, Validators = [NumberValidators.IntegerBetween(0, 1000)], Description = "Nodes. Changes in place. With `max_nodes`, the size set when the value changes; the autoscaler's own changes are not drift." },
                    new Attr("min_nodes", CtyType.Number) { Optional = true, Validators = [NumberValidators.IntegerBetween(0, 1000)], Description = "Lower bound for the autoscaler (default 1 with `max_nodes`). Changes in place." },
                    new Attr("max_nodes", CtyType.Number) { Optional = true, Validators = [NumberValidators.IntegerBetween(1, 1000)], Description = "Upper bound: setting it enables autoscaling of the group. Changes in place. The plan-time quota check counts this many." },
                    new Attr("labels", CtyType.Map(CtyType.String)) { Optional = true, Description = "Labels of the group, merged over the cluster's. Changing them replaces the group." },
                },
            }),
            Timeouts.Block(CreateTimeout, UpdateTimeout, DeleteTimeout),
        },
    });

    /// <summary>Labels the provider sets from <c>autoscaling</c>.</summary>
    public static IReadOnlySet<string> ManagedLabels { get; } = new HashSet<string>(StringComparer.Ordinal) { "auto_scaling_enabled", "min_node_count", "max_node_count" };

    private sealed class ManagedLabelsValidator : IAttributeValidator
    {
        public string Description => "must not hold the autoscaling labels";

        public void Validate(ValidationRequest request, Crd.Terraform.Plugin.Diagnostics.DiagnosticCollection diagnostics)
        {
            if (request.Value.IsNull || !request.Value.IsKnown)
            {
                return;
            }

            foreach (var key in request.Value.MapEntries.Keys.Where(ManagedLabels.Contains))
            {
                diagnostics.AddAttributeError(request.Path.Key(key), "Autoscaling Label In Labels",
                    $"The label \"{key}\" is set by the provider from the `autoscaling` block. Remove it from `labels` and use `autoscaling {{ min_nodes = ... max_nodes = ... }}` instead: the bounds then change in place instead of replacing the cluster.");
            }
        }
    }
}
