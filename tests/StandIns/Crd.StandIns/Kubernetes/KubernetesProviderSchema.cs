using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.StandIns.Kubernetes;

/// <summary>
/// The provider schema of hashicorp/kubernetes 2.38.0 (SDKv2: <c>exec</c> and
/// <c>experiments</c> are blocks, list nesting, at most one).
/// </summary>
internal static class KubernetesProviderSchema
{
    /// <summary>The schema.</summary>
    public static SchemaDefinition Current { get; } = new(new Block
    {
        Description = "Stand-in for hashicorp/kubernetes 2.38.0: records objects under `$CRD_STANDIN_DIR/kubernetes` instead of creating them.",
        Attributes =
        {
            new Attr("host", CtyType.String) { Optional = true, Description = "The hostname (in form of URI) of Kubernetes master." },
            new Attr("username", CtyType.String) { Optional = true, Description = "The username to use for HTTP basic authentication." },
            new Attr("password", CtyType.String) { Optional = true, Sensitive = true, Description = "The password to use for HTTP basic authentication." },
            new Attr("insecure", CtyType.Bool) { Optional = true, Description = "Whether server should be accessed without verifying the TLS certificate." },
            new Attr("tls_server_name", CtyType.String) { Optional = true, Description = "Server name passed to the server for SNI." },
            new Attr("client_certificate", CtyType.String) { Optional = true, Description = "PEM-encoded client certificate for TLS authentication." },
            new Attr("client_key", CtyType.String) { Optional = true, Sensitive = true, Description = "PEM-encoded client certificate key for TLS authentication." },
            new Attr("cluster_ca_certificate", CtyType.String) { Optional = true, Description = "PEM-encoded root certificates bundle for TLS authentication." },
            new Attr("config_paths", CtyType.List(CtyType.String)) { Optional = true, Description = "A list of paths to kube config files." },
            new Attr("config_path", CtyType.String) { Optional = true, Description = "Path to the kube config file." },
            new Attr("config_context", CtyType.String) { Optional = true, Description = "Context to choose from the config file." },
            new Attr("config_context_auth_info", CtyType.String) { Optional = true, Description = "Authentication info context of the kube config." },
            new Attr("config_context_cluster", CtyType.String) { Optional = true, Description = "Cluster context of the kube config." },
            new Attr("token", CtyType.String) { Optional = true, Sensitive = true, Description = "Token to authenticate an service account." },
            new Attr("proxy_url", CtyType.String) { Optional = true, Description = "URL to the proxy to be used for all API requests." },
            new Attr("ignore_annotations", CtyType.List(CtyType.String)) { Optional = true, Description = "List of Kubernetes metadata annotations to ignore across all resources (regular expressions)." },
            new Attr("ignore_labels", CtyType.List(CtyType.String)) { Optional = true, Description = "List of Kubernetes metadata labels to ignore across all resources (regular expressions)." },
        },
        Blocks =
        {
            new NestedBlock("exec", NestingMode.List, new Block
            {
                Attributes =
                {
                    new Attr("api_version", CtyType.String) { Required = true },
                    new Attr("command", CtyType.String) { Required = true },
                    new Attr("env", CtyType.Map(CtyType.String)) { Optional = true },
                    new Attr("args", CtyType.List(CtyType.String)) { Optional = true },
                },
            }) { MaxItems = 1 },
            new NestedBlock("experiments", NestingMode.List, new Block
            {
                Attributes =
                {
                    new Attr("manifest_resource", CtyType.Bool) { Optional = true, Description = "Enable the `kubernetes_manifest` resource." },
                },
            }) { MaxItems = 1 },
        },
    });
}
