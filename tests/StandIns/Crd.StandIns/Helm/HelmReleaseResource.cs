using System.Text.Json.Nodes;
using Crd.StandIns.Kubernetes;
using Crd.StandIns.Recording;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.StandIns.Helm;

/// <summary>
/// <c>helm_release</c>: instead of installing the chart, records it with its raw and merged
/// values at <c>helm/releases/&lt;namespace&gt;/&lt;name&gt;.json</c>. Like helm, it refuses a
/// namespace that does not exist unless <c>create_namespace</c> is set.
/// </summary>
internal sealed class HelmReleaseResource : IResource, IResourceWithConfigure, IResourceWithValidateConfig, IResourceWithImportState
{
    private static readonly CtyPath ClusterPath = CtyPath.Root.Attribute("kubernetes");

    private StandInSettings? _settings;

    public string TypeName => "helm_release";

    public SchemaDefinition Schema => HelmReleaseSchema.Current;

    public void Configure(object? providerData) => _settings = providerData as StandInSettings;

    public Task ValidateConfigAsync(ValidateConfigRequest request, ValidateConfigResponse response, CancellationToken cancellationToken)
    {
        ReleaseValues.ValidateDocuments(request.Config, response.Diagnostics);
        ReleaseValues.ValidateTypes(request.Config, response.Diagnostics);
        return Task.CompletedTask;
    }

    public Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        if (Remote(response.Diagnostics) is not { } remote || ReleaseValues.Merge(request.Config, response.Diagnostics) is not { } merged)
        {
            return Task.CompletedTask;
        }

        var plan = request.Plan;
        var (name, ns) = (plan.GetString("name")!, plan.GetString("namespace")!);
        if (plan.GetBool("create_namespace") != true && !NamespaceLookup.Exists(remote.Store, ns))
        {
            response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute("namespace"), "Installation Failed",
                $"namespaces \"{ns}\" not found: create the namespace first (kubernetes_namespace_v1, referenced by this release) or set create_namespace = true.");
            return Task.CompletedTask;
        }

        if (remote.Store.Exists("helm", "releases", ns, name))
        {
            response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute("name"), "Installation Failed",
                $"cannot re-use a name that is still in use: release \"{name}\" already exists in namespace \"{ns}\". Import it (terraform import helm_release.X {ns}/{name}) or pick another name.");
            return Task.CompletedTask;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var record = Record(request.Config, plan, merged, remote.Cluster.Host, revision: 1, firstDeployed: now, lastDeployed: now);
        remote.Store.Put(record, "helm", "releases", ns, name);
        SetComputed(response.State, plan, record, request.Config);
        return Task.CompletedTask;
    }

    public Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        if (ReadStore(response.Diagnostics) is not { } store)
        {
            return Task.CompletedTask;
        }

        var state = response.State;
        var record = store.Get("helm", "releases", state.GetString("namespace") ?? "default", state.GetString("name") ?? "");
        if (record is null)
        {
            response.RemoveResource();
            return Task.CompletedTask;
        }

        if (state.IsNullAttribute("chart"))
        {
            // Right after import: take what the release records (upstream reads it from the release too).
            state.SetString("chart", (string?)record["chart"]);
            state.SetString("repository", (string?)record["repository"]);
            var values = record["values"]?.AsArray().Select(v => (string)v!).ToList();
            state.SetStrings("values", values is { Count: > 0 } ? values : null);
        }

        state.SetString("version", (string?)record["version"]);
        state.SetString("status", (string?)record["status"]);
        state.Set("metadata", Metadata(record, state));
        return Task.CompletedTask;
    }

    public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        if (Remote(response.Diagnostics) is not { } remote || ReleaseValues.Merge(request.Config, response.Diagnostics) is not { } merged)
        {
            return Task.CompletedTask;
        }

        var plan = request.Plan;
        var (name, ns) = (plan.GetString("name")!, plan.GetString("namespace")!);
        var prior = remote.Store.Get("helm", "releases", ns, name);
        if (prior is null)
        {
            response.Diagnostics.AddError("Upgrade Failed", $"\"{name}\" has no deployed releases in namespace \"{ns}\": it was uninstalled outside Terraform. Run terraform apply again to install it.");
            return Task.CompletedTask;
        }

        var record = Record(request.Config, plan, merged, remote.Cluster.Host,
            revision: ((long?)prior["revision"] ?? 0) + 1,
            firstDeployed: (long?)prior["first_deployed"] ?? 0,
            lastDeployed: DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        remote.Store.Put(record, "helm", "releases", ns, name);
        SetComputed(response.State, plan, record, request.Config);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        if (Remote(response.Diagnostics) is not { } remote)
        {
            return Task.CompletedTask;
        }

        var prior = request.PriorState;
        remote.Store.Delete("helm", "releases", prior.GetString("namespace") ?? "default", prior.GetString("name") ?? "");
        return Task.CompletedTask;
    }

    public Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        var parts = request.Id.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0))
        {
            response.Diagnostics.AddError("Invalid Import ID", $"\"{request.Id}\" is not \"namespace/name\" (e.g. \"jupyterhub/jupyterhub\").");
            return Task.CompletedTask;
        }

        var state = response.State;
        state.SetString("id", parts[1]);
        state.SetString("name", parts[1]);
        state.SetString("namespace", parts[0]);
        foreach (var attribute in Schema.Block.Attributes.Where(a => a.Default is not null && a.Name != "namespace"))
        {
            state.Set(attribute.Name, attribute.Default!);
        }

        return Task.CompletedTask;
    }

    private RecordStore? ReadStore(DiagnosticCollection diagnostics)
        => StandInSettings.OrUnconfigured(_settings).ForRead(diagnostics);

    private (RecordStore Store, Credentials.ClusterCredentials Cluster)? Remote(DiagnosticCollection diagnostics)
        => StandInSettings.OrUnconfigured(_settings).ForRemoteCall(ClusterPath, diagnostics);

    private static JsonObject Record(ResourceData config, ResourceData plan, JsonObject merged, string? host, long revision, long firstDeployed, long lastDeployed)
    {
        static JsonArray Entries(IEnumerable<ReleaseValues.Setting> settings)
            => new(settings.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["value"] = s.Value, ["type"] = s.Type }).ToArray());

        return new JsonObject
        {
            ["name"] = plan.GetString("name"),
            ["namespace"] = plan.GetString("namespace"),
            ["repository"] = plan.GetString("repository"),
            ["chart"] = plan.GetString("chart"),
            ["version"] = plan.GetString("version") ?? "latest",
            ["revision"] = revision,
            ["status"] = "deployed",
            ["description"] = plan.GetString("description"),
            ["values"] = new JsonArray((config.GetStrings("values") ?? []).Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
            ["set"] = Entries(ReleaseValues.Settings(config, "set")),
            ["set_list"] = new JsonArray(ReleaseValues.Settings(config, "set_list")
                .Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["value"] = s.Value }).ToArray()),
            ["set_sensitive"] = Entries(ReleaseValues.Settings(config, "set_sensitive")),
            ["set_wo"] = Entries(ReleaseValues.Settings(config, "set_wo")),
            ["merged_values"] = merged,
            ["kubernetes_host"] = host,
            ["timeout"] = plan.GetInt64("timeout"),
            ["wait"] = plan.GetBool("wait"),
            ["atomic"] = plan.GetBool("atomic"),
            ["cleanup_on_fail"] = plan.GetBool("cleanup_on_fail"),
            ["create_namespace"] = plan.GetBool("create_namespace"),
            ["first_deployed"] = firstDeployed,
            ["last_deployed"] = lastDeployed,
        };
    }

    private static void SetComputed(ResourceData state, ResourceData plan, JsonObject record, ResourceData config)
    {
        state.SetString("id", plan.GetString("name"));
        state.SetString("status", "deployed");
        state.SetString("version", (string?)record["version"]);
        state.SetString("manifest", null);
        state.Set("resources", CtyValue.Null(CtyType.Map(CtyType.String)));
        if (state.IsUnknown("description"))
        {
            state.SetString("description", config.GetString("description"));
        }

        state.Set("metadata", Metadata(record, state));
    }

    // metadata.values is the merged values with every set_sensitive and set_wo name cloaked, as upstream's cloakSetValues.
    private static CtyValue Metadata(JsonObject record, ResourceData state)
    {
        var values = (JsonObject)(record["merged_values"]?.DeepClone() ?? new JsonObject());
        foreach (var attribute in new[] { "set_sensitive", "set_wo" })
        {
            foreach (var entry in record[attribute]?.AsArray() ?? [])
            {
                ValuesMerge.Cloak(values, (string?)entry?["name"] ?? "");
            }
        }

        var version = (string?)record["version"];
        return CtyValue.Object(HelmReleaseSchema.MetadataType, new Dictionary<string, CtyValue>
        {
            ["app_version"] = CtyValue.String(version ?? ""),
            ["chart"] = CtyValue.String((string?)record["chart"] ?? ""),
            ["first_deployed"] = CtyValue.Number((long?)record["first_deployed"] ?? 0),
            ["last_deployed"] = CtyValue.Number((long?)record["last_deployed"] ?? 0),
            ["name"] = CtyValue.String(state.GetString("name") ?? ""),
            ["namespace"] = CtyValue.String(state.GetString("namespace") ?? ""),
            ["notes"] = CtyValue.String(""),
            ["revision"] = CtyValue.Number((long?)record["revision"] ?? 1),
            ["values"] = CtyValue.String(values.ToJsonString()),
            ["version"] = CtyValue.String(version ?? ""),
        });
    }
}
