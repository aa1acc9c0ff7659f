using System.Text.Json.Nodes;
using Crd.StandIns.Credentials;
using Crd.StandIns.Recording;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.StandIns.Kubernetes;

/// <summary>
/// <c>kubernetes_secret_v1</c>, recorded at <c>kubernetes/secrets/&lt;namespace&gt;/&lt;name&gt;.json</c>
/// with its data in plain text (the record is the cluster's side). As upstream, with
/// <c>data_wo</c> + <c>data_wo_revision</c> nothing of the data reaches the state, and a new
/// revision rewrites the recorded data.
/// </summary>
internal sealed class SecretResource : IResource, IResourceWithConfigure, IResourceWithImportState, IResourceWithValidateConfig, IResourceWithModifyPlan
{
    private StandInSettings? _settings;

    public string TypeName => "kubernetes_secret_v1";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Description = "Stand-in for `kubernetes_secret_v1`.",
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "`namespace/name`." },
            new Attr("data", CtyType.Map(CtyType.String)) { Optional = true, Computed = true, Sensitive = true, Validators = [new ConflictsWith("data_wo")], Description = "A map of the secret data." },
            new Attr("data_wo", CtyType.Map(CtyType.String)) { Optional = true, WriteOnly = true, Description = "A write-only map of the secret data (Terraform >= 1.11); needs `data_wo_revision`." },
            new Attr("data_wo_revision", CtyType.Number) { Optional = true, Validators = [NumberValidators.IntegerBetween(1, long.MaxValue)], Description = "The current revision of `data_wo`; incrementing it updates the data." },
            new Attr("binary_data", CtyType.Map(CtyType.String)) { Optional = true, Sensitive = true, Validators = [new ConflictsWith("binary_data_wo")], Description = "A map of the secret data in base64 encoding." },
            new Attr("binary_data_wo", CtyType.Map(CtyType.String)) { Optional = true, WriteOnly = true, Description = "A write-only map of the secret data in base64 encoding; needs `binary_data_wo_revision`." },
            new Attr("binary_data_wo_revision", CtyType.Number) { Optional = true, Validators = [NumberValidators.IntegerBetween(1, long.MaxValue)], Description = "The current revision of `binary_data_wo`." },
            new Attr("immutable", CtyType.Bool) { Optional = true, Description = "Ensures that data stored in the Secret cannot be updated." },
            new Attr("type", CtyType.String) { Optional = true, Computed = true, Default = CtyValue.String("Opaque"), PlanModifiers = [RequiresReplace.Always], Description = "Type of secret." },
            new Attr("wait_for_service_account_token", CtyType.Bool) { Optional = true, Computed = true, Default = CtyValue.True, Description = "Terraform will wait for the service account token to be created." },
        },
        Blocks =
        {
            ObjectMetadata.Block("secret", namespaced: true, KubernetesNames.Subdomain),
            new NestedBlock("timeouts", NestingMode.Single, new Block
            {
                Attributes = { new Attr("create", CtyType.String) { Optional = true } },
            }),
        },
    });

    public void Configure(object? providerData) => _settings = providerData as StandInSettings;

    public Task ValidateConfigAsync(ValidateConfigRequest request, ValidateConfigResponse response, CancellationToken cancellationToken)
    {
        // RequiredWith upstream: a write-only map is applied only through its revision.
        foreach (var (map, revision) in new[] { ("data_wo", "data_wo_revision"), ("binary_data_wo", "binary_data_wo_revision") })
        {
            if (!request.Config.IsNullAttribute(map) && request.Config.IsNullAttribute(revision))
            {
                response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute(revision), "Missing Required Argument",
                    $"\"{revision}\": all of `{map},{revision}` must be specified.");
            }
        }

        return Task.CompletedTask;
    }

    public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        // Upstream's CustomizeDiff: an immutable secret is replaced when its data changes.
        if (request.PriorState.IsNull || response.Plan.IsNull || request.PriorState.GetBool("immutable") != true)
        {
            return Task.CompletedTask;
        }

        foreach (var name in new[] { "data", "binary_data", "immutable" })
        {
            if (!response.Plan.Get(name).Equals(request.PriorState.Get(name)))
            {
                response.RequiresReplace.Add(CtyPath.Root.Attribute(name));
            }
        }

        return Task.CompletedTask;
    }

    public Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        var metadataPlan = request.Plan.GetBlock("metadata")!;
        if (Remote(response.Diagnostics) is not { } remote || ObjectMetadata.NameToCreate(metadataPlan, response.Diagnostics) is not { } name)
        {
            return Task.CompletedTask;
        }

        var ns = metadataPlan.GetString("namespace") ?? "default";
        if (!NamespaceLookup.Exists(remote.Store, ns))
        {
            response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute("metadata").Index(0).Attribute("namespace"), "Namespace Not Found",
                $"namespaces \"{ns}\" not found: create the namespace before the secret (reference kubernetes_namespace_v1.X.metadata[0].name).");
            return Task.CompletedTask;
        }

        if (remote.Store.Exists("kubernetes", "secrets", ns, name))
        {
            response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute("metadata").Index(0).Attribute("name"), "Secret Already Exists",
                $"secrets \"{name}\" already exists in namespace \"{ns}\": import it (terraform import kubernetes_secret_v1.X {ns}/{name}) or choose another name.");
            return Task.CompletedTask;
        }

        var record = new JsonObject
        {
            ["metadata"] = ObjectMetadata.NewRecord(metadataPlan, name, ns),
            ["type"] = request.Plan.GetString("type"),
            ["immutable"] = request.Plan.GetBool("immutable"),
            ["data"] = Data(request.Config, request.Plan, "data"),
            ["binary_data"] = Data(request.Config, request.Plan, "binary_data"),
            ["kubernetes_host"] = remote.Cluster.Host,
        };
        remote.Store.Put(record, "kubernetes", "secrets", ns, name);
        response.State.SetString("id", $"{ns}/{name}");
        ToState(response.State, record);
        return Task.CompletedTask;
    }

    public Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        if (ReadStore(response.Diagnostics) is not { } store)
        {
            return Task.CompletedTask;
        }

        var (ns, name) = SplitId(request.State.GetString("id") ?? "");
        var record = ns is null ? null : store.Get("kubernetes", "secrets", ns, name!);
        if (record is null)
        {
            response.RemoveResource();
            return Task.CompletedTask;
        }

        ToState(response.State, record);
        return Task.CompletedTask;
    }

    public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        if (Remote(response.Diagnostics) is not { } remote)
        {
            return Task.CompletedTask;
        }

        var (ns, name) = SplitId(request.PriorState.GetString("id") ?? "");
        var record = ns is null ? null : remote.Store.Get("kubernetes", "secrets", ns, name!);
        if (record?["metadata"] is not JsonObject prior)
        {
            response.Diagnostics.AddError("Secret Not Found", $"The secret {request.PriorState.GetString("id")} was deleted outside Terraform. Run terraform apply again to create it.");
            return Task.CompletedTask;
        }

        record["metadata"] = ObjectMetadata.Updated(prior, request.Plan.GetBlock("metadata")!);
        record["immutable"] = request.Plan.GetBool("immutable");
        foreach (var (map, revision) in new[] { ("data", "data_wo_revision"), ("binary_data", "binary_data_wo_revision") })
        {
            var revisionChanged = !request.Plan.Get(revision).Equals(request.PriorState.Get(revision));
            if (revisionChanged || request.Plan.GetInt64(revision) is null)
            {
                record[map] = Data(request.Config, request.Plan, map);
            }
        }

        record["kubernetes_host"] = remote.Cluster.Host;
        remote.Store.Put(record, "kubernetes", "secrets", ns!, name!);
        ToState(response.State, record);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        var (ns, name) = SplitId(request.PriorState.GetString("id") ?? "");
        if (Remote(response.Diagnostics) is { } remote && ns is not null)
        {
            remote.Store.Delete("kubernetes", "secrets", ns, name!);
        }

        return Task.CompletedTask;
    }

    public Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        if (SplitId(request.Id).Namespace is null)
        {
            response.Diagnostics.AddError("Invalid Import ID", $"\"{request.Id}\" is not \"namespace/name\" (e.g. \"jupyterhub/hub-oauth\").");
            return Task.CompletedTask;
        }

        response.State.SetString("id", request.Id);
        response.State.SetBool("wait_for_service_account_token", true);
        return Task.CompletedTask;
    }

    // The data to store: the write-only map when its revision is set (upstream ignores it otherwise), else the planned map.
    private static JsonObject? Data(ResourceData config, ResourceData plan, string map)
    {
        var values = plan.GetInt64($"{map}_wo_revision") is >= 1
            ? config.GetStringMap($"{map}_wo")
            : plan.GetStringMap(map);
        return values is null ? null : new JsonObject(values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
    }

    private static void ToState(ResourceData state, JsonObject record)
    {
        ObjectMetadata.ToState(state, (JsonObject)record["metadata"]!);
        state.SetString("type", (string?)record["type"]);
        state.SetBool("immutable", (bool?)record["immutable"]);
        if (state.IsNullAttribute("wait_for_service_account_token"))
        {
            state.SetBool("wait_for_service_account_token", true);
        }

        // As upstream's Read: with a write-only revision, the data never reaches the state.
        state.SetStringMap("data", state.GetInt64("data_wo_revision") is >= 1 ? null : ObjectMetadata.FromMap(record["data"]));
        if (state.GetInt64("binary_data_wo_revision") is not >= 1 && !state.IsNullAttribute("binary_data"))
        {
            state.SetStringMap("binary_data", ObjectMetadata.FromMap(record["binary_data"]));
        }
    }

    private RecordStore? ReadStore(DiagnosticCollection diagnostics)
        => StandInSettings.OrUnconfigured(_settings).ForRead(diagnostics);

    private (RecordStore Store, ClusterCredentials Cluster)? Remote(DiagnosticCollection diagnostics)
        => StandInSettings.OrUnconfigured(_settings).ForRemoteCall(CtyPath.Root.Attribute("host"), diagnostics);

    private static (string? Namespace, string? Name) SplitId(string id)
    {
        var parts = id.Split('/');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : (null, null);
    }
}
