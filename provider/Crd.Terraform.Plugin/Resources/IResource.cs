using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>
/// A managed resource type: schema and the four lifecycle operations. Other capabilities
/// (import, plan modification, state upgrade, configuration validation, provider data) are
/// separate interfaces the server discovers with <c>is</c>, as in terraform-plugin-framework.
/// </summary>
/// <remarks>
/// Each operation receives a request and a pre-filled response; it reports problems by adding
/// diagnostics to the response rather than throwing. An exception escaping an operation is a
/// provider bug and becomes an "Unexpected Provider Error" diagnostic.
/// </remarks>
public interface IResource
{
    /// <summary>The full resource type name, e.g. <c>crd_vm</c>.</summary>
    string TypeName { get; }

    /// <summary>The resource schema. Called once per process; must be cheap and deterministic.</summary>
    SchemaDefinition Schema { get; }

    /// <summary>
    /// Creates the remote object. <see cref="CreateResponse.State"/> arrives set to the plan; the
    /// method must replace every unknown value with the real one. When the remote object exists
    /// but something later fails, keep the identifying attributes in the state and add an error:
    /// Terraform then records the object as tainted instead of losing track of it.
    /// </summary>
    Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken);

    /// <summary>
    /// Refreshes the state from the remote object. Call <see cref="ReadResponse.RemoveResource"/>
    /// when it no longer exists.
    /// </summary>
    Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken);

    /// <summary>Updates the remote object in place to match the plan.</summary>
    Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken);

    /// <summary>Deletes the remote object and waits until it is gone. A missing object is success.</summary>
    Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken);
}
