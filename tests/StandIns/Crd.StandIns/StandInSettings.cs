using Crd.StandIns.Credentials;
using Crd.StandIns.Recording;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.StandIns;

/// <summary>
/// What a stand-in's resources receive from ConfigureProvider: the record store (null when
/// <c>$CRD_STANDIN_DIR</c> is unset) and the checked cluster credentials (null when the
/// provider was configured with unknown values, during a plan that creates the cluster).
/// </summary>
internal sealed record StandInSettings(RecordStore? Store, ClusterCredentials? Cluster)
{
    /// <summary>
    /// The settings a resource was configured with or, when it was not configured, the record
    /// store of the environment and no cluster.
    /// </summary>
    public static StandInSettings OrUnconfigured(StandInSettings? settings)
        => settings ?? new StandInSettings(RecordStore.FromEnvironment(), null);

    /// <summary>
    /// The store and cluster for an operation that writes records; adds an error and returns
    /// null when either is missing.
    /// </summary>
    public (RecordStore Store, ClusterCredentials Cluster)? ForRemoteCall(CtyPath clusterPath, DiagnosticCollection diagnostics)
    {
        if (ForRead(diagnostics) is null)
        {
            return null;
        }

        if (Cluster is null)
        {
            diagnostics.AddError("Kubernetes Cluster Unreachable",
                "The provider configuration was still unknown when this operation ran, so no cluster can be reached. Configure the provider from values known before apply.");
            return null;
        }

        if (!Cluster.Configured)
        {
            diagnostics.AddAttributeError(clusterPath, "Kubernetes Cluster Unreachable",
                "invalid configuration: no configuration has been provided. Set host (with credentials) or config_path in the provider configuration.");
            return null;
        }

        return (Store!, Cluster);
    }

    /// <summary>
    /// The store for a refresh: records are read even while the provider configuration is still
    /// unknown (a plan that replaces the cluster), so the plan can show the existing objects.
    /// </summary>
    public RecordStore? ForRead(DiagnosticCollection diagnostics)
    {
        if (Store is null)
        {
            diagnostics.AddError("Stand-In Record Directory Not Set",
                $"The stand-in providers record what they deploy as JSON files under ${RecordStore.EnvironmentVariable}, which is unset. " +
                $"Export {RecordStore.EnvironmentVariable}=DIR (tests/StandIns/README.md) before terraform apply.");
            return null;
        }

        return Store;
    }
}
