using Crd.StandIns.Recording;

namespace Crd.StandIns.Kubernetes;

/// <summary>Whether a namespace exists in the recorded "cluster".</summary>
internal static class NamespaceLookup
{
    // Every cluster starts with these (kube-apiserver creates them).
    private static readonly string[] BuiltIn = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>True for a built-in namespace, a recorded kubernetes_namespace_v1, or one a release created with create_namespace.</summary>
    public static bool Exists(RecordStore store, string name)
        => BuiltIn.Contains(name, StringComparer.Ordinal)
            || store.Exists("kubernetes", "namespaces", name)
            || store.List("helm", "releases", name).Any(r => (bool?)r["create_namespace"] == true);
}
