using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.StandIns.Helm;

/// <summary>
/// The provider schema of hashicorp/helm 3.1.2 (helm/provider.go). Upstream's nested attributes
/// (<c>kubernetes</c>, <c>exec</c>, <c>registries</c>, <c>experiments</c>) are attributes of
/// object type here, with every upstream-optional attribute optional: the HCL
/// (<c>kubernetes = { host = ... }</c>) and the implied type are the same. Upstream marks none
/// of the nested connection attributes sensitive, and neither does this.
/// </summary>
internal static class HelmProviderSchema
{
    /// <summary>The type of <c>kubernetes.exec</c>.</summary>
    public static CtyType ExecType { get; } = CtyType.Object(
        new Dictionary<string, CtyType>
        {
            ["api_version"] = CtyType.String,
            ["command"] = CtyType.String,
            ["env"] = CtyType.Map(CtyType.String),
            ["args"] = CtyType.List(CtyType.String),
        },
        optionalAttributes: ["env", "args"]);

    /// <summary>The type of <c>kubernetes</c>.</summary>
    public static CtyType KubernetesType { get; } = CtyType.Object(
        new Dictionary<string, CtyType>
        {
            ["host"] = CtyType.String,
            ["username"] = CtyType.String,
            ["password"] = CtyType.String,
            ["insecure"] = CtyType.Bool,
            ["tls_server_name"] = CtyType.String,
            ["client_certificate"] = CtyType.String,
            ["client_key"] = CtyType.String,
            ["cluster_ca_certificate"] = CtyType.String,
            ["config_paths"] = CtyType.List(CtyType.String),
            ["config_path"] = CtyType.String,
            ["config_context"] = CtyType.String,
            ["config_context_auth_info"] = CtyType.String,
            ["config_context_cluster"] = CtyType.String,
            ["token"] = CtyType.String,
            ["proxy_url"] = CtyType.String,
            ["exec"] = ExecType,
        },
        optionalAttributes:
        [
            "host", "username", "password", "insecure", "tls_server_name", "client_certificate", "client_key",
            "cluster_ca_certificate", "config_paths", "config_path", "config_context", "config_context_auth_info",
            "config_context_cluster", "token", "proxy_url", "exec",
        ]);

    /// <summary>The schema.</summary>
    public static SchemaDefinition Current { get; } = new(new Block
    {
        Description = "Stand-in for hashicorp/helm 3.1.2: records releases under `$CRD_STANDIN_DIR` instead of installing them.",
        Attributes =
        {
            new Attr("debug", CtyType.Bool) { Optional = true, Description = "Debug indicates whether or not Helm is running in Debug mode." },
            new Attr("plugins_path", CtyType.String) { Optional = true, Description = "The path to the helm plugins directory." },
            new Attr("registry_config_path", CtyType.String) { Optional = true, Description = "The path to the registry config file." },
            new Attr("repository_config_path", CtyType.String) { Optional = true, Description = "The path to the file containing repository names and URLs." },
            new Attr("repository_cache", CtyType.String) { Optional = true, Description = "The path to the file containing cached repository indexes." },
            new Attr("helm_driver", CtyType.String)
            {
                Optional = true,
                Validators = [StringValidators.OneOf("memory", "configmap", "secret", "sql")],
                Description = "The backend storage driver. Values are: configmap, secret, memory, sql.",
            },
            new Attr("burst_limit", CtyType.Number) { Optional = true, Description = "Helm burst limit." },
            new Attr("kubernetes", KubernetesType) { Optional = true, Description = "Kubernetes configuration (upstream: a single nested attribute)." },
            new Attr("registries", CtyType.List(CtyType.Object(new Dictionary<string, CtyType>
            {
                ["url"] = CtyType.String,
                ["username"] = CtyType.String,
                ["password"] = CtyType.String,
            })))
            { Optional = true, Description = "RegistryClient configuration (upstream: a list nested attribute; url, username, password required)." },
            new Attr("experiments", CtyType.Object(new Dictionary<string, CtyType> { ["manifest"] = CtyType.Bool }, optionalAttributes: ["manifest"]))
            { Optional = true, Description = "Enable and disable experimental features." },
            new Attr("qps", CtyType.Number) { Optional = true, Description = "Queries per second used when communicating with the Kubernetes API." },
        },
    });
}
