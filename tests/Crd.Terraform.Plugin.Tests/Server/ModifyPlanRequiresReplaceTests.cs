using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Msgpack;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.EphemeralResources;
using Crd.Terraform.Plugin.Provider;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Server;

namespace Crd.Terraform.Plugin.Tests.Server;

/// <summary>
/// A resource's ModifyPlan sees which attribute changes already force replacement (quota
/// accounting needs it: a replacement frees the old object) and may withdraw or add paths.
/// </summary>
public sealed class ModifyPlanRequiresReplaceTests
{
    private static readonly CtyType ObjectType = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["image"] = CtyType.String,
        ["name"] = CtyType.String,
        ["seen"] = CtyType.String,
    });

    [Theory]
    [InlineData("ubuntu", "debian", "web", "keep", "image", "image")]
    [InlineData("ubuntu", "ubuntu", "web2", "keep", "", "")]
    [InlineData("ubuntu", "debian", "web", "withdraw", "image", "")]
    [InlineData("ubuntu", "ubuntu", "web2", "add-name", "", "name")]
    public async Task ModifyPlan_AttributeForcesReplacement_SeesPathAndDecides(string priorImage, string newImage, string newName, string mode, string seen, string replaced)
    {
        var resource = new Recorder(mode);
        var server = new ProviderServer(new OneResourceProvider(resource));
        await server.ConfigureProviderAsync("1.11.4", Wire(CtyValue.EmptyObject, CtyType.EmptyObject), CancellationToken.None);
        var prior = Value(priorImage, "web", "x");
        var config = Value(newImage, newName, null);
        var proposed = Value(newImage, newName, "x");

        var result = await server.PlanResourceChangeAsync("t_recorder", Wire(prior, ObjectType), Wire(proposed, ObjectType), Wire(config, ObjectType), ReadOnlyMemory<byte>.Empty, CancellationToken.None);

        Assert.False(result.Diagnostics.HasErrors, string.Join("; ", result.Diagnostics.Select(d => d.Summary + ": " + d.Detail)));
        Assert.Equal(seen, resource.Seen);
        Assert.Equal(replaced, string.Join(",", result.RequiresReplace.Select(p => p.ToString())));
    }

    private static CtyValue Value(string image, string name, string? seen) => CtyValue.Object(ObjectType, new Dictionary<string, CtyValue>
    {
        ["image"] = CtyValue.String(image),
        ["name"] = CtyValue.String(name),
        ["seen"] = seen is null ? CtyValue.Null(CtyType.String) : CtyValue.String(seen),
    });

    private static WireValue Wire(CtyValue value, CtyType type) => WireValue.FromMsgpack(CtyMsgpackCodec.Encode(value, type));

    private sealed class Recorder(string mode) : IResource, IResourceWithModifyPlan
    {
        public string Seen { get; private set; } = "unset";

        public string TypeName => "t_recorder";

        public SchemaDefinition Schema { get; } = new(new Block
        {
            Attributes =
            {
                new SchemaAttribute("image", CtyType.String) { Required = true, PlanModifiers = [RequiresReplace.Always] },
                new SchemaAttribute("name", CtyType.String) { Required = true },
                new SchemaAttribute("seen", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance] },
            },
        });

        public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
        {
            Seen = string.Join(",", response.RequiresReplace.Select(p => p.ToString()));
            switch (mode)
            {
                case "withdraw":
                    response.RequiresReplace.Clear();
                    break;
                case "add-name":
                    response.RequiresReplace.Add(CtyPath.Root.Attribute("name"));
                    break;
            }

            return Task.CompletedTask;
        }

        public Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class OneResourceProvider(IResource resource) : IProvider
    {
        public string TypeName => "t";

        public SchemaDefinition Schema { get; } = new(new Block());

        public IReadOnlyList<IResource> Resources { get; } = [resource];

        public IReadOnlyList<IDataSource> DataSources { get; } = [];

        public IReadOnlyList<IEphemeralResource> EphemeralResources { get; } = [];

        public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
