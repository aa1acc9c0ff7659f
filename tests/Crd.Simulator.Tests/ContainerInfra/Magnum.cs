using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.ContainerInfra;

/// <summary>Magnum paths and calls for tests (microversion 1.10 unless told otherwise).</summary>
internal static class Magnum
{
    public static readonly (string, string) Latest = ("OpenStack-API-Version", "container-infra 1.10");

    public static string Path(Session session, string path) => $"/sites/{session.Site}/container-infra/v1{path}";

    public static async Task<string> CreateClusterAsync(Session session, string name, int nodeCount = 1, string template = "k8s-v1.30", int expected = 202)
    {
        var body = new JsonObject { ["name"] = name, ["cluster_template_id"] = template, ["master_count"] = 1, ["node_count"] = nodeCount, ["flavor_id"] = "m1.small", ["master_flavor_id"] = "m1.small" };
        var response = (await session.PostAsync(Path(session, "/clusters"), body, Latest)).AssertStatus(expected);
        return expected == 202 ? response.Str("uuid") : "";
    }

    public static async Task<JsonObject> ClusterAsync(Session session, string id) =>
        (await session.GetAsync(Path(session, "/clusters/" + id), Latest)).AssertStatus(200).Json!.AsObject();

    public static Task<SimResponse> PatchAsync(Session session, string path, JsonArray patch) =>
        session.Client.SendAsync(HttpMethod.Patch, Path(session, path), patch, session.Token, Latest);
}
