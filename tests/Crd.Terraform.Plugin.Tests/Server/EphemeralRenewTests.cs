using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Msgpack;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.EphemeralResources;
using Crd.Terraform.Plugin.Provider;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Server;

namespace Crd.Terraform.Plugin.Tests.Server;

/// <summary>
/// RenewEphemeralResource reaches the resource with the private data Open returned, and its new
/// private data and renewal time reach Terraform; a resource without renewal keeps its data.
/// </summary>
public sealed class EphemeralRenewTests
{
    private static readonly CtyType ConfigType = CtyType.Object(new Dictionary<string, CtyType> { ["lease"] = CtyType.String });

    [Fact]
    public async Task Renew_ResourceWithRenew_GetsOpensPrivateDataAndReturnsNextLeaseAndTime()
    {
        var server = await StartAsync(new Leasing());
        var opened = await server.OpenEphemeralResourceAsync("t_lease", Wire(CtyValue.Object(ConfigType, new Dictionary<string, CtyValue> { ["lease"] = CtyValue.Null(CtyType.String) })), CancellationToken.None);

        var renewed = await server.RenewEphemeralResourceAsync("t_lease", opened.Private, CancellationToken.None);

        Assert.False(renewed.Diagnostics.HasErrors, string.Join("; ", renewed.Diagnostics.Select(d => d.Detail)));
        Assert.Equal("lease-2", PrivateState.Parse(renewed.Private).GetString("lease"));
        Assert.Equal(Leasing.Next, renewed.RenewAt);
    }

    [Fact]
    public async Task Renew_ResourceWithoutRenew_KeepsPrivateDataAndAsksNoFurtherRenewal()
    {
        var server = await StartAsync(new Leasing(), new Plain());
        var @private = new PrivateState();
        @private.SetString("k", "v");

        var renewed = await server.RenewEphemeralResourceAsync("t_plain", @private.ToBytes(), CancellationToken.None);

        Assert.False(renewed.Diagnostics.HasErrors);
        Assert.Equal("v", PrivateState.Parse(renewed.Private).GetString("k"));
        Assert.Null(renewed.RenewAt);
    }

    [Fact]
    public async Task Renew_UnknownType_ErrorDiagnostic()
    {
        var server = await StartAsync(new Leasing());

        var renewed = await server.RenewEphemeralResourceAsync("t_nope", ReadOnlyMemory<byte>.Empty, CancellationToken.None);

        Assert.Contains(renewed.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Summary == "Unknown Ephemeral Resource");
    }

    private static async Task<ProviderServer> StartAsync(params IEphemeralResource[] ephemerals)
    {
        var server = new ProviderServer(new EphemeralProvider(ephemerals));
        await server.ConfigureProviderAsync("1.11.4", WireValue.FromMsgpack(CtyMsgpackCodec.Encode(CtyValue.EmptyObject, CtyType.EmptyObject)), CancellationToken.None);
        return server;
    }

    private static WireValue Wire(CtyValue value) => WireValue.FromMsgpack(CtyMsgpackCodec.Encode(value, ConfigType));

    private sealed class Leasing : IEphemeralResource, IEphemeralResourceWithRenew
    {
        public static readonly DateTimeOffset Next = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        public string TypeName => "t_lease";

        public SchemaDefinition Schema { get; } = new(new Block { Attributes = { new SchemaAttribute("lease", CtyType.String) { Computed = true } } });

        public Task OpenAsync(EphemeralOpenRequest request, EphemeralOpenResponse response, CancellationToken cancellationToken)
        {
            response.Result.SetString("lease", "lease-1");
            response.Private.SetString("lease", "lease-1");
            response.RenewAt = DateTimeOffset.UtcNow.AddMinutes(1);
            return Task.CompletedTask;
        }

        public Task RenewAsync(EphemeralRenewRequest request, EphemeralRenewResponse response, CancellationToken cancellationToken)
        {
            if (request.Private.GetString("lease") != "lease-1")
            {
                response.Diagnostics.AddError("Lease Missing", "Renew did not receive Open's private data.");
            }

            response.Private.SetString("lease", "lease-2");
            response.RenewAt = Next;
            return Task.CompletedTask;
        }
    }

    private sealed class Plain : IEphemeralResource
    {
        public string TypeName => "t_plain";

        public SchemaDefinition Schema { get; } = new(new Block { Attributes = { new SchemaAttribute("lease", CtyType.String) { Computed = true } } });

        public Task OpenAsync(EphemeralOpenRequest request, EphemeralOpenResponse response, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class EphemeralProvider(IEphemeralResource[] ephemerals) : IProvider
    {
        public string TypeName => "t";

        public SchemaDefinition Schema { get; } = new(new Block());

        public IReadOnlyList<IResource> Resources { get; } = [];

        public IReadOnlyList<IDataSource> DataSources { get; } = [];

        public IReadOnlyList<IEphemeralResource> EphemeralResources { get; } = ephemerals;

        public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
