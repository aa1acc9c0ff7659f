using Crd.Terraform.Plugin.Grpc;
using Crd.Terraform.Plugin.Protocol6.Wire;
using Crd.Terraform.Plugin.Server;
using Google.Protobuf;
using static Crd.Terraform.Plugin.Protocol6.Protocol6Convert;

namespace Crd.Terraform.Plugin.Protocol6;

/// <summary>
/// The <c>tfplugin6.Provider</c> service: thin adapters that decode a request, call the
/// protocol-free <see cref="ProviderServer"/> and encode its answer. RPCs not listed here
/// (functions, list resources, actions, state stores, resource identity upgrades, moves)
/// answer gRPC status 12, which Terraform treats as "not supported".
/// </summary>
internal sealed partial class Protocol6Service(Lazy<ProviderServer> lazyServer)
{
    private ProviderServer Core => lazyServer.Value;

    private const string Prefix = "/tfplugin6.Provider/";

    public void Register(GrpcServiceRegistry registry)
    {
        Add(registry, "GetMetadata", GetMetadata.Types.Request.Parser, GetMetadataAsync);
        Add(registry, "GetProviderSchema", GetProviderSchema.Types.Request.Parser, GetProviderSchemaAsync);
        Add(registry, "GetResourceIdentitySchemas", GetResourceIdentitySchemas.Types.Request.Parser, (_, _) => Task.FromResult(new GetResourceIdentitySchemas.Types.Response()));
        Add(registry, "GetFunctions", GetFunctions.Types.Request.Parser, (_, _) => Task.FromResult(new GetFunctions.Types.Response()));
        Add(registry, "ValidateProviderConfig", ValidateProviderConfig.Types.Request.Parser, ValidateProviderConfigAsync);
        Add(registry, "ValidateResourceConfig", ValidateResourceConfig.Types.Request.Parser, ValidateResourceConfigAsync);
        Add(registry, "ValidateDataResourceConfig", ValidateDataResourceConfig.Types.Request.Parser, ValidateDataResourceConfigAsync);
        Add(registry, "ValidateEphemeralResourceConfig", ValidateEphemeralResourceConfig.Types.Request.Parser, ValidateEphemeralResourceConfigAsync);
        Add(registry, "ConfigureProvider", ConfigureProvider.Types.Request.Parser, ConfigureProviderAsync);
        Add(registry, "UpgradeResourceState", UpgradeResourceState.Types.Request.Parser, UpgradeResourceStateAsync);
        Add(registry, "ReadResource", ReadResource.Types.Request.Parser, ReadResourceAsync);
        Add(registry, "PlanResourceChange", PlanResourceChange.Types.Request.Parser, PlanResourceChangeAsync);
        Add(registry, "ApplyResourceChange", ApplyResourceChange.Types.Request.Parser, ApplyResourceChangeAsync);
        Add(registry, "ImportResourceState", ImportResourceState.Types.Request.Parser, ImportResourceStateAsync);
        Add(registry, "ReadDataSource", ReadDataSource.Types.Request.Parser, ReadDataSourceAsync);
        Add(registry, "OpenEphemeralResource", OpenEphemeralResource.Types.Request.Parser, OpenEphemeralResourceAsync);
        Add(registry, "RenewEphemeralResource", RenewEphemeralResource.Types.Request.Parser, RenewEphemeralResourceAsync);
        Add(registry, "CloseEphemeralResource", CloseEphemeralResource.Types.Request.Parser, CloseEphemeralResourceAsync);
        Add(registry, "StopProvider", StopProvider.Types.Request.Parser, (_, _) =>
        {
            Core.Stop();
            return Task.FromResult(new StopProvider.Types.Response());
        });
    }

    private static void Add<TRequest, TResponse>(GrpcServiceRegistry registry, string method, MessageParser<TRequest> parser, Func<TRequest, CancellationToken, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
        => registry.AddUnary<TRequest, TResponse>(Prefix + method, parser, (request, context) => handler(request, context.CancellationToken));

    private Task<GetMetadata.Types.Response> GetMetadataAsync(GetMetadata.Types.Request request, CancellationToken cancellationToken)
    {
        var schema = Core.GetProviderSchema();
        var response = new GetMetadata.Types.Response { ServerCapabilities = Capabilities() };
        response.Resources.AddRange(schema.Resources.Keys.Select(k => new GetMetadata.Types.ResourceMetadata { TypeName = k }));
        response.DataSources.AddRange(schema.DataSources.Keys.Select(k => new GetMetadata.Types.DataSourceMetadata { TypeName = k }));
        response.EphemeralResources.AddRange(schema.EphemeralResources.Keys.Select(k => new GetMetadata.Types.EphemeralMetadata { TypeName = k }));
        response.Diagnostics.AddRange(Out(schema.Diagnostics));
        return Task.FromResult(response);
    }

    private Task<GetProviderSchema.Types.Response> GetProviderSchemaAsync(GetProviderSchema.Types.Request request, CancellationToken cancellationToken)
    {
        var schema = Core.GetProviderSchema();
        var response = new GetProviderSchema.Types.Response
        {
            Provider = Out(schema.Provider),
            ServerCapabilities = Capabilities(),
        };
        foreach (var (name, s) in schema.Resources)
        {
            response.ResourceSchemas.Add(name, Out(s));
        }

        foreach (var (name, s) in schema.DataSources)
        {
            response.DataSourceSchemas.Add(name, Out(s));
        }

        foreach (var (name, s) in schema.EphemeralResources)
        {
            response.EphemeralResourceSchemas.Add(name, Out(s));
        }

        response.Diagnostics.AddRange(Out(schema.Diagnostics));
        return Task.FromResult(response);
    }

    // plan_destroy: Terraform asks us to plan destroys (so ModifyPlan can warn);
    // get_provider_schema_optional: Terraform may reuse a cached schema across instances.
    private static ServerCapabilities Capabilities() => new() { PlanDestroy = true, GetProviderSchemaOptional = true };
}
