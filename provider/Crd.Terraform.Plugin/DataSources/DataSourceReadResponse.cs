using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.DataSources;

/// <summary>Output of <see cref="IDataSource.ReadAsync"/>.</summary>
public sealed class DataSourceReadResponse
{
    /// <summary>Creates a response whose state starts as the configuration.</summary>
    public DataSourceReadResponse(ResourceData state) => State = state;

    /// <summary>The result; starts as the configuration.</summary>
    public ResourceData State { get; }

    /// <summary>Problems met.</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
