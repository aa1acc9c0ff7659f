namespace Crd.Terraform.Plugin.Resources;

/// <summary>A resource that supports <c>terraform import</c> and import blocks.</summary>
public interface IResourceWithImportState
{
    /// <summary>
    /// Turns an import id into enough state for ReadAsync to fill in the rest (Terraform calls
    /// ReadResource right after). The response state starts as an object with every attribute null.
    /// </summary>
    Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken);
}
