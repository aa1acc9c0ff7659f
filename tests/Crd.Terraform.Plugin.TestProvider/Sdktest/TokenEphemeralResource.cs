using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.EphemeralResources;
using Crd.Terraform.Plugin.Schema;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Terraform.Plugin.TestProvider.Sdktest;

/// <summary><c>sdktest_token</c>: a short-lived secret that never reaches state.</summary>
internal sealed class TokenEphemeralResource : IEphemeralResource, IEphemeralResourceWithClose
{
    public string TypeName => "sdktest_token";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Attributes =
        {
            new Attr("name", CtyType.String) { Required = true },
            new Attr("token", CtyType.String) { Computed = true, Sensitive = true },
        },
    });

    public Task OpenAsync(EphemeralOpenRequest request, EphemeralOpenResponse response, CancellationToken cancellationToken)
    {
        response.Result.SetString("token", $"tok-{request.Config.GetString("name")}");
        response.Private.SetKey("lease", "\"lease-1\"");
        response.RenewAt = DateTimeOffset.UtcNow.AddMinutes(5);
        return Task.CompletedTask;
    }

    public Task CloseAsync(EphemeralCloseRequest request, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        if (request.Private.GetKey("lease") != "\"lease-1\"")
        {
            diagnostics.AddError("Lease Missing", "Close received no lease in private data.");
        }

        return Task.CompletedTask;
    }
}
