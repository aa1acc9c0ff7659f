using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.DataSources;

/// <summary>A data source: reads something that Terraform does not manage.</summary>
public interface IDataSource
{
    /// <summary>The full type name, e.g. <c>crd_images</c>.</summary>
    string TypeName { get; }

    /// <summary>The schema.</summary>
    SchemaDefinition Schema { get; }

    /// <summary>
    /// Reads the data. <see cref="DataSourceReadResponse.State"/> starts as the configuration; the
    /// method fills every computed attribute (no unknown may remain).
    /// </summary>
    Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken);
}
