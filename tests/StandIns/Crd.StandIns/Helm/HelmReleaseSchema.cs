using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.StandIns.Helm;

/// <summary>
/// The schema of <c>helm_release</c> in hashicorp/helm 3.1.2 (helm/resource_helm_release.go,
/// schema version 2): every attribute, with upstream's defaults. Nested attributes are
/// attributes of object type; inside them the SDK cannot apply defaults, so <c>set[*].type</c>
/// stays null where upstream plans "" (both mean "auto").
/// </summary>
internal static class HelmReleaseSchema
{
    /// <summary>The element type of <c>set</c>, <c>set_sensitive</c> and <c>set_wo</c>.</summary>
    public static CtyType SetType { get; } = CtyType.Object(
        new Dictionary<string, CtyType> { ["name"] = CtyType.String, ["value"] = CtyType.String, ["type"] = CtyType.String },
        optionalAttributes: ["value", "type"]);

    private static readonly CtyType SetSensitiveType = CtyType.Object(
        new Dictionary<string, CtyType> { ["name"] = CtyType.String, ["value"] = CtyType.String, ["type"] = CtyType.String },
        optionalAttributes: ["type"]);

    private static readonly CtyType SetWriteOnlyType = SetSensitiveType;

    /// <summary>The element type of <c>set_list</c>.</summary>
    public static CtyType SetListType { get; } = CtyType.Object(
        new Dictionary<string, CtyType> { ["name"] = CtyType.String, ["value"] = CtyType.List(CtyType.String) });

    /// <summary>The type of the computed <c>metadata</c>.</summary>
    public static CtyType MetadataType { get; } = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["app_version"] = CtyType.String,
        ["chart"] = CtyType.String,
        ["first_deployed"] = CtyType.Number,
        ["last_deployed"] = CtyType.Number,
        ["name"] = CtyType.String,
        ["namespace"] = CtyType.String,
        ["notes"] = CtyType.String,
        ["revision"] = CtyType.Number,
        ["values"] = CtyType.String,
        ["version"] = CtyType.String,
    });

    private static readonly CtyType TimeoutsType = CtyType.Object(
        new Dictionary<string, CtyType> { ["create"] = CtyType.String, ["read"] = CtyType.String, ["update"] = CtyType.String, ["delete"] = CtyType.String },
        optionalAttributes: ["create", "read", "update", "delete"]);

    private static readonly CtyType PostRenderType = CtyType.Object(
        new Dictionary<string, CtyType> { ["args"] = CtyType.List(CtyType.String), ["binary_path"] = CtyType.String },
        optionalAttributes: ["args"]);

    /// <summary>The schema.</summary>
    public static SchemaDefinition Current { get; } = new(2, new Block
    {
        Description = "Stand-in for `helm_release`: records the chart, the values and the merged values under `$CRD_STANDIN_DIR/helm/releases/<namespace>/<name>.json`.",
        Attributes =
        {
            Flag("atomic", false, "If set, installation process purges chart on fail. The wait flag will be set automatically if atomic is used."),
            new Attr("chart", CtyType.String) { Required = true, Description = "Chart name to be installed. A path may be used." },
            Flag("cleanup_on_fail", false, "Allow deletion of new resources created in this upgrade when upgrade fails."),
            Flag("create_namespace", false, "Create the namespace if it does not exist."),
            Flag("dependency_update", false, "Run helm dependency update before installing the chart."),
            new Attr("description", CtyType.String) { Optional = true, Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "Add a custom description." },
            new Attr("devel", CtyType.Bool) { Optional = true, Description = "Use chart development versions, too. If 'version' is set, this is ignored." },
            Flag("disable_crd_hooks", false, "Prevent CRD hooks from running, but run other hooks."),
            Flag("disable_openapi_validation", false, "If set, the installation process will not validate rendered templates against the Kubernetes OpenAPI Schema."),
            Flag("disable_webhooks", false, "Prevent hooks from running."),
            Flag("force_update", false, "Force resource update through delete/recreate if needed."),
            new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "The release name." },
            new Attr("keyring", CtyType.String) { Optional = true, Description = "Location of public keys used for verification. Used only if 'verify' is true." },
            Flag("lint", false, "Run helm lint when planning."),
            new Attr("manifest", CtyType.String) { Computed = true, Description = "The rendered manifest as JSON (null: the stand-in renders no templates)." },
            new Attr("max_history", CtyType.Number) { Optional = true, Computed = true, Default = CtyValue.Number(0), Description = "Limit the maximum number of revisions saved per release. Use 0 for no limit." },
            new Attr("metadata", MetadataType) { Computed = true, Description = "Status of the deployed release." },
            new Attr("name", CtyType.String)
            {
                Required = true,
                PlanModifiers = [RequiresReplace.Always],
                Validators = [StringValidators.LengthBetween(1, 53), Kubernetes.KubernetesNames.Label],
                Description = "Release name. The length must not be longer than 53 characters.",
            },
            new Attr("namespace", CtyType.String)
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.String("default"),
                PlanModifiers = [RequiresReplace.Always],
                Validators = [Kubernetes.KubernetesNames.Label],
                Description = "Namespace to install the release into.",
            },
            Flag("pass_credentials", false, "Pass credentials to all domains."),
            new Attr("postrender", PostRenderType) { Optional = true, Description = "Postrender command config." },
            Flag("recreate_pods", false, "Perform pods restart during upgrade/rollback."),
            Flag("render_subchart_notes", true, "If set, render subchart notes along with the parent."),
            Flag("replace", false, "Re-use the given name, even if that name is already used. This is unsafe in production."),
            new Attr("repository", CtyType.String) { Optional = true, Description = "Repository where to locate the requested chart." },
            new Attr("repository_ca_file", CtyType.String) { Optional = true, Description = "The Repositories CA file." },
            new Attr("repository_cert_file", CtyType.String) { Optional = true, Description = "The repositories cert file." },
            new Attr("repository_key_file", CtyType.String) { Optional = true, Description = "The repositories cert key file." },
            new Attr("repository_password", CtyType.String) { Optional = true, Sensitive = true, Description = "Password for HTTP basic authentication." },
            new Attr("repository_username", CtyType.String) { Optional = true, Description = "Username for HTTP basic authentication." },
            Flag("reset_values", false, "When upgrading, reset the values to the ones built into the chart."),
            new Attr("resources", CtyType.Map(CtyType.String)) { Computed = true, Description = "The kubernetes resources created by this release (null: nothing is rendered)." },
            Flag("reuse_values", false, "When upgrading, reuse the last release's values and merge in any overrides."),
            new Attr("set", CtyType.List(SetType)) { Optional = true, Description = "Custom values to be merged with the values." },
            new Attr("set_list", CtyType.List(SetListType)) { Optional = true, Description = "Custom list values to be merged with the values." },
            new Attr("set_sensitive", CtyType.List(SetSensitiveType)) { Optional = true, Sensitive = true, Description = "Custom sensitive values to be merged with the values (upstream marks `value` sensitive; here the whole list)." },
            new Attr("set_wo", CtyType.List(SetWriteOnlyType)) { Optional = true, WriteOnly = true, Description = "Write-only custom values (Terraform >= 1.11), applied when `set_wo_revision` changes." },
            new Attr("set_wo_revision", CtyType.Number)
            {
                Optional = true,
                Validators = [NumberValidators.IntegerBetween(1, long.MaxValue)],
                Description = "The current revision of the write-only \"set_wo\" attribute. Incrementing it updates the write-only values.",
            },
            Flag("skip_crds", false, "If set, no CRDs will be installed."),
            new Attr("status", CtyType.String) { Computed = true, Description = "Status of the release (\"deployed\")." },
            Flag("take_ownership", false, "If set, Helm will take ownership of resources not already annotated by this release."),
            new Attr("timeout", CtyType.Number) { Optional = true, Computed = true, Default = CtyValue.Number(300), Description = "Time in seconds to wait for any individual kubernetes operation." },
            new Attr("timeouts", TimeoutsType) { Optional = true, Description = "Operation timeouts (create, read, update, delete) as duration strings." },
            Flag("upgrade_install", false, "If true, install the release even if a release not controlled by the provider is present."),
            new Attr("values", CtyType.List(CtyType.String)) { Optional = true, Description = "List of values in raw YAML format to pass to helm." },
            Flag("verify", false, "Verify the package before installing it."),
            new Attr("version", CtyType.String) { Optional = true, Computed = true, Description = "Specify the exact chart version to install. If this is not specified, the stand-in records \"latest\"." },
            Flag("wait", true, "Will wait until all resources are in a ready state before marking the release as successful."),
            Flag("wait_for_jobs", false, "If wait is enabled, will wait until all Jobs have been completed before marking the release as successful."),
        },
    });

    private static Attr Flag(string name, bool value, string description)
        => new(name, CtyType.Bool) { Optional = true, Computed = true, Default = CtyValue.Bool(value), Description = description };
}
