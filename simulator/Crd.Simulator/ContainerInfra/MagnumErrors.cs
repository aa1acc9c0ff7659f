using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;

namespace Crd.Simulator.ContainerInfra;

/// <summary>Magnum's error body: <c>{"errors":[{"request_id","code","status","title","detail","links"}]}</c>.</summary>
public static class MagnumErrors
{
    /// <summary>Renders <paramref name="error"/>.</summary>
    public static JsonNode Render(ApiException error) => new JsonObject
    {
        ["errors"] = new JsonArray
        {
            new JsonObject
            {
                ["request_id"] = "",
                ["code"] = error.Status >= 500 ? "server" : "client",
                ["status"] = error.Status,
                ["title"] = error.Type ?? ErrorShapes.Title(error.Status),
                ["detail"] = error.Message,
                ["links"] = new JsonArray(),
            },
        },
    };
}
