using System.Text.Json.Nodes;
using Crd.StandIns.Credentials;
using Crd.StandIns.Recording;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.StandIns.Kubernetes;

/// <summary><c>kubernetes_namespace_v1</c>, recorded at <c>kubernetes/namespaces/&lt;name&gt;.json</c>.</summary>
internal sealed class NamespaceResource : IResource, IResourceWithConfigure, IResourceWithImportState
{
    private StandInSettings? _settings;

    public string TypeName => "kubernetes_namespace_v1";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Description = "Stand-in for `kubernetes_namespace_v1`.",
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "The namespace name." },
            new Attr("wait_for_default_service_account", CtyType.Bool)
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.False,
                Description = "Terraform will wait for the default service account to be created.",
            },
        },
        Blocks =
        {
            ObjectMetadata.Block("namespace", namespaced: false, KubernetesNames.Label),
            new NestedBlock("timeouts", NestingMode.Single, new Block
            {
                Attributes = { new Attr("delete", CtyType.String) { Optional = true } },
            }),
        },
    });

    public void Configure(object? providerData) => _settings = providerData as StandInSettings;

    public Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        if (Remote(response.Diagnostics) is not { } remote
            || ObjectMetadata.NameToCreate(request.Plan.GetBlock("metadata")!, response.Diagnostics) is not { } name)
        {
            return Task.CompletedTask;
        }

        if (remote.Store.Exists("kubernetes", "namespaces", name))
        {
            response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute("metadata").Index(0).Attribute("name"), "Namespace Already Exists",
                $"namespaces \"{name}\" already exists: import it (terraform import kubernetes_namespace_v1.X {name}) or choose another name.");
            return Task.CompletedTask;
        }

        var metadata = ObjectMetadata.NewRecord(request.Plan.GetBlock("metadata")!, name, ns: null);
        remote.Store.Put(new JsonObject { ["metadata"] = metadata, ["kubernetes_host"] = remote.Cluster.Host }, "kubernetes", "namespaces", name);
        response.State.SetString("id", name);
        ObjectMetadata.ToState(response.State, metadata);
        return Task.CompletedTask;
    }

    public Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        if (ReadStore(response.Diagnostics) is not { } store)
        {
            return Task.CompletedTask;
        }

        var record = store.Get("kubernetes", "namespaces", request.State.GetString("id") ?? "");
        if (record?["metadata"] is not JsonObject metadata)
        {
            response.RemoveResource();
            return Task.CompletedTask;
        }

        ObjectMetadata.ToState(response.State, metadata);
        if (response.State.IsNullAttribute("wait_for_default_service_account"))
        {
            response.State.SetBool("wait_for_default_service_account", false);
        }

        return Task.CompletedTask;
    }

    public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        if (Remote(response.Diagnostics) is not { } remote)
        {
            return Task.CompletedTask;
        }

        var name = request.PriorState.GetString("id")!;
        var record = remote.Store.Get("kubernetes", "namespaces", name);
        if (record?["metadata"] is not JsonObject prior)
        {
            response.Diagnostics.AddError("Namespace Not Found", $"namespaces \"{name}\" not found: it was deleted outside Terraform. Run terraform apply again to create it.");
            return Task.CompletedTask;
        }

        var metadata = ObjectMetadata.Updated(prior, request.Plan.GetBlock("metadata")!);
        remote.Store.Put(new JsonObject { ["metadata"] = metadata, ["kubernetes_host"] = remote.Cluster.Host }, "kubernetes", "namespaces", name);
        ObjectMetadata.ToState(response.State, metadata);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        if (Remote(response.Diagnostics) is { } remote)
        {
            remote.Store.Delete("kubernetes", "namespaces", request.PriorState.GetString("id") ?? "");
        }

        return Task.CompletedTask;
    }

    public Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        response.State.SetString("id", request.Id);
        response.State.SetBool("wait_for_default_service_account", false);
        return Task.CompletedTask;
    }

    private RecordStore? ReadStore(DiagnosticCollection diagnostics)
        => StandInSettings.OrUnconfigured(_settings).ForRead(diagnostics);

    private (RecordStore Store, ClusterCredentials Cluster)? Remote(DiagnosticCollection diagnostics)
        => StandInSettings.OrUnconfigured(_settings).ForRemoteCall(CtyPath.Root.Attribute("host"), diagnostics);
}
