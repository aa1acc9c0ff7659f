using System.Text;
using System.Text.Json.Nodes;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Json;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.TestProvider.Sdktest;

/// <summary><c>sdktest_thing</c>: stores its state in the object store.</summary>
internal sealed class ThingResource : IResource, IResourceWithConfigure, IResourceWithImportState, IResourceWithUpgradeState
{
    private SdktestSettings? _settings;

    public string TypeName => "sdktest_thing";

    public SchemaDefinition Schema => ThingSchema.Current;

    public IReadOnlyDictionary<long, StateUpgrader> StateUpgraders { get; } = new Dictionary<long, StateUpgrader>
    {
        [0] = new StateUpgrader(ThingSchema.Version0, UpgradeFromVersion0),
    };

    private ObjectStore Store => _settings?.Store ?? throw new InvalidOperationException("not configured");

    public void Configure(object? providerData) => _settings = (SdktestSettings?)providerData;

    public Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        var state = response.State;
        var id = Store.Create("thing", []);
        state.SetString("id", id);
        state.SetString("created_at", "2026-11-22T00:00:00Z");
        state.SetInt64("revision", 1);
        FillComputedBlocks(state, id);
        Save(id, state, request.Config.GetString("secret_wo"));

        if (request.Plan.GetBool("fail_after_create") == true)
        {
            response.Diagnostics.AddError("Thing Failed After Create", $"The thing {id} was created but failed to start; it is kept in state as tainted.");
        }

        return Task.CompletedTask;
    }

    public Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        var id = request.State.GetString("id") ?? "";
        var stored = Store.Get(id);
        if (stored is null)
        {
            response.RemoveResource();
            return Task.CompletedTask;
        }

        var json = stored["state"]?.ToJsonString() ?? "{}";
        response.State.SetValue(CtyJsonCodec.Decode(Encoding.UTF8.GetBytes(json), Schema.Block.ImpliedType()));
        return Task.CompletedTask;
    }

    public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        var state = response.State;
        var id = request.PriorState.GetString("id")!;
        state.SetInt64("revision", (request.PriorState.GetInt64("revision") ?? 0) + 1);
        FillComputedBlocks(state, id);
        Save(id, state, request.Config.GetString("secret_wo"));
        return Task.CompletedTask;
    }

    public Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        Store.Delete(request.PriorState.GetString("id") ?? "");
        return Task.CompletedTask;
    }

    public Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        if (Store.Get(request.Id) is null)
        {
            response.Diagnostics.AddError("Cannot Import Non-Existent Remote Object", $"No thing has id \"{request.Id}\".");
            return Task.CompletedTask;
        }

        response.State.SetString("id", request.Id);
        return Task.CompletedTask;
    }

    private static void FillComputedBlocks(ResourceData state, string id)
    {
        var network = state.GetBlock("network");
        if (network is not null && network.IsUnknown("gateway"))
        {
            var cidr = network.GetString("cidr") ?? "";
            network.SetString("gateway", cidr.Split('/')[0].TrimEnd('0') + "1");
            state.SetBlocks("network", [network]);
        }

        var disks = state.GetBlocks("disk");
        var index = 0;
        foreach (var disk in disks)
        {
            if (disk.IsUnknown("id"))
            {
                disk.SetString("id", $"{id}-disk{index}");
            }

            index++;
        }

        state.SetBlocks("disk", disks);
    }

    private void Save(string id, ResourceData state, string? writeOnlySecret)
    {
        var json = CtyJsonCodec.Encode(state.Value, Schema.Block.ImpliedType());
        Store.Put(id, new JsonObject
        {
            ["state"] = JsonNode.Parse(json),
            ["secret_received"] = writeOnlySecret is not null,
        });
    }

    private static void UpgradeFromVersion0(UpgradeStateRequest request, UpgradeStateResponse response)
    {
        var prior = request.PriorState!;
        var state = response.State;
        state.SetString("id", prior.GetString("id"));
        state.SetString("name", prior.GetString("name"));
        if (!long.TryParse(prior.GetString("size") ?? "10", out var size))
        {
            response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute("size"), "Invalid Stored Size", $"The stored size \"{prior.GetString("size")}\" is not a number.");
            return;
        }

        state.SetInt64("size", size);
        var tags = (prior.GetString("tags_csv") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "", StringComparer.Ordinal);
        state.SetStringMap("tags", tags.Count == 0 ? null : tags);
        state.SetString("created_at", "2026-11-22T00:00:00Z");
        state.SetInt64("revision", 1);
    }
}
