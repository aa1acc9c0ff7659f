using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.DataSources;

/// <summary>Input of <see cref="IDataSource.ReadAsync"/>.</summary>
/// <param name="Config">The configuration (wholly known: Terraform defers reads otherwise).</param>
public sealed record DataSourceReadRequest(ResourceData Config);
