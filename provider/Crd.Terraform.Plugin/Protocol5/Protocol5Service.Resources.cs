using Crd.Terraform.Plugin.Protocol5.Wire;
using static Crd.Terraform.Plugin.Protocol5.Protocol5Convert;

namespace Crd.Terraform.Plugin.Protocol5;

internal sealed partial class Protocol5Service
{
    private async Task<PrepareProviderConfig.Types.Response> PrepareProviderConfigAsync(PrepareProviderConfig.Types.Request request, CancellationToken cancellationToken)
    {
        var diagnostics = await Core.ValidateProviderConfigAsync(In(request.Config), cancellationToken).ConfigureAwait(false);
        return new PrepareProviderConfig.Types.Response { Diagnostics = { Out(diagnostics) } };
    }

    private async Task<ValidateResourceTypeConfig.Types.Response> ValidateResourceTypeConfigAsync(ValidateResourceTypeConfig.Types.Request request, CancellationToken cancellationToken)
    {
        var writeOnlyAllowed = request.ClientCapabilities?.WriteOnlyAttributesAllowed ?? false;
        var diagnostics = await Core.ValidateResourceConfigAsync(request.TypeName, In(request.Config), writeOnlyAllowed, cancellationToken).ConfigureAwait(false);
        return new ValidateResourceTypeConfig.Types.Response { Diagnostics = { Out(diagnostics) } };
    }

    private async Task<ValidateDataSourceConfig.Types.Response> ValidateDataSourceConfigAsync(ValidateDataSourceConfig.Types.Request request, CancellationToken cancellationToken)
    {
        var diagnostics = await Core.ValidateDataResourceConfigAsync(request.TypeName, In(request.Config), cancellationToken).ConfigureAwait(false);
        return new ValidateDataSourceConfig.Types.Response { Diagnostics = { Out(diagnostics) } };
    }

    private async Task<ValidateEphemeralResourceConfig.Types.Response> ValidateEphemeralResourceConfigAsync(ValidateEphemeralResourceConfig.Types.Request request, CancellationToken cancellationToken)
    {
        var diagnostics = await Core.ValidateEphemeralResourceConfigAsync(request.TypeName, In(request.Config), cancellationToken).ConfigureAwait(false);
        return new ValidateEphemeralResourceConfig.Types.Response { Diagnostics = { Out(diagnostics) } };
    }

    private async Task<Configure.Types.Response> ConfigureProviderAsync(Configure.Types.Request request, CancellationToken cancellationToken)
    {
        var diagnostics = await Core.ConfigureProviderAsync(request.TerraformVersion, In(request.Config), cancellationToken).ConfigureAwait(false);
        return new Configure.Types.Response { Diagnostics = { Out(diagnostics) } };
    }

    private async Task<UpgradeResourceState.Types.Response> UpgradeResourceStateAsync(UpgradeResourceState.Types.Request request, CancellationToken cancellationToken)
    {
        var raw = request.RawState;
        var result = await Core.UpgradeResourceStateAsync(request.TypeName, request.Version, raw?.Json.Memory ?? default, raw?.Flatmap.Count > 0, cancellationToken).ConfigureAwait(false);
        var response = new UpgradeResourceState.Types.Response { Diagnostics = { Out(result.Diagnostics) } };
        if (result.State.Length > 0)
        {
            response.UpgradedState = Out(result.State);
        }

        return response;
    }

    private async Task<ReadResource.Types.Response> ReadResourceAsync(ReadResource.Types.Request request, CancellationToken cancellationToken)
    {
        var result = await Core.ReadResourceAsync(request.TypeName, In(request.CurrentState), request.Private.Memory, cancellationToken).ConfigureAwait(false);
        var response = new ReadResource.Types.Response { Diagnostics = { Out(result.Diagnostics) }, Private = Google.Protobuf.ByteString.CopyFrom(result.Private) };
        if (result.State.Length > 0)
        {
            response.NewState = Out(result.State);
        }

        return response;
    }

    private async Task<PlanResourceChange.Types.Response> PlanResourceChangeAsync(PlanResourceChange.Types.Request request, CancellationToken cancellationToken)
    {
        var result = await Core.PlanResourceChangeAsync(request.TypeName, In(request.PriorState), In(request.ProposedNewState), In(request.Config), request.PriorPrivate.Memory, cancellationToken).ConfigureAwait(false);
        var response = new PlanResourceChange.Types.Response
        {
            Diagnostics = { Out(result.Diagnostics) },
            PlannedPrivate = Google.Protobuf.ByteString.CopyFrom(result.PlannedPrivate),
        };
        response.RequiresReplace.AddRange(result.RequiresReplace.Select(Out));
        if (result.PlannedState.Length > 0)
        {
            response.PlannedState = Out(result.PlannedState);
        }

        return response;
    }

    private async Task<ApplyResourceChange.Types.Response> ApplyResourceChangeAsync(ApplyResourceChange.Types.Request request, CancellationToken cancellationToken)
    {
        var result = await Core.ApplyResourceChangeAsync(request.TypeName, In(request.PriorState), In(request.PlannedState), In(request.Config), request.PlannedPrivate.Memory, cancellationToken).ConfigureAwait(false);
        var response = new ApplyResourceChange.Types.Response { Diagnostics = { Out(result.Diagnostics) }, Private = Google.Protobuf.ByteString.CopyFrom(result.Private) };
        if (result.State.Length > 0)
        {
            response.NewState = Out(result.State);
        }

        return response;
    }

    private async Task<ImportResourceState.Types.Response> ImportResourceStateAsync(ImportResourceState.Types.Request request, CancellationToken cancellationToken)
    {
        var result = await Core.ImportResourceStateAsync(request.TypeName, request.Id, cancellationToken).ConfigureAwait(false);
        var response = new ImportResourceState.Types.Response { Diagnostics = { Out(result.Diagnostics) } };
        response.ImportedResources.AddRange(result.Resources.Select(r => new ImportResourceState.Types.ImportedResource
        {
            TypeName = r.TypeName,
            State = Out(r.State),
            Private = Google.Protobuf.ByteString.CopyFrom(r.Private),
        }));
        return response;
    }

    private async Task<ReadDataSource.Types.Response> ReadDataSourceAsync(ReadDataSource.Types.Request request, CancellationToken cancellationToken)
    {
        var result = await Core.ReadDataSourceAsync(request.TypeName, In(request.Config), cancellationToken).ConfigureAwait(false);
        var response = new ReadDataSource.Types.Response { Diagnostics = { Out(result.Diagnostics) } };
        if (result.State.Length > 0)
        {
            response.State = Out(result.State);
        }

        return response;
    }

    private async Task<OpenEphemeralResource.Types.Response> OpenEphemeralResourceAsync(OpenEphemeralResource.Types.Request request, CancellationToken cancellationToken)
    {
        var result = await Core.OpenEphemeralResourceAsync(request.TypeName, In(request.Config), cancellationToken).ConfigureAwait(false);
        var response = new OpenEphemeralResource.Types.Response { Diagnostics = { Out(result.Diagnostics) } };
        if (result.Result.Length > 0)
        {
            response.Result = Out(result.Result);
        }

        if (result.Private.Length > 0)
        {
            response.Private = Google.Protobuf.ByteString.CopyFrom(result.Private);
        }

        if (result.RenewAt is { } renewAt)
        {
            response.RenewAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(renewAt);
        }

        return response;
    }

    private async Task<RenewEphemeralResource.Types.Response> RenewEphemeralResourceAsync(RenewEphemeralResource.Types.Request request, CancellationToken cancellationToken)
    {
        var result = await Core.RenewEphemeralResourceAsync(request.TypeName, request.Private.Memory, cancellationToken).ConfigureAwait(false);
        var response = new RenewEphemeralResource.Types.Response { Diagnostics = { Out(result.Diagnostics) } };
        if (result.Private.Length > 0)
        {
            response.Private = Google.Protobuf.ByteString.CopyFrom(result.Private);
        }

        if (result.RenewAt is { } renewAt)
        {
            response.RenewAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(renewAt);
        }

        return response;
    }

    private async Task<CloseEphemeralResource.Types.Response> CloseEphemeralResourceAsync(CloseEphemeralResource.Types.Request request, CancellationToken cancellationToken)
    {
        var diagnostics = await Core.CloseEphemeralResourceAsync(request.TypeName, request.Private.Memory, cancellationToken).ConfigureAwait(false);
        return new CloseEphemeralResource.Types.Response { Diagnostics = { Out(diagnostics) } };
    }
}
