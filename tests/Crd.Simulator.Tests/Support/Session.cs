using System.Text.Json.Nodes;

namespace Crd.Simulator.Tests.Support;

/// <summary>An authenticated project on one site, with path helpers per service.</summary>
public sealed class Session(SimClient client, string site, string token, string projectId, JsonObject tokenBody)
{
    /// <summary>The client.</summary>
    public SimClient Client { get; } = client;

    /// <summary>Site.</summary>
    public string Site { get; } = site;

    /// <summary>The X-Auth-Token value.</summary>
    public string Token { get; } = token;

    /// <summary>Scoped project.</summary>
    public string ProjectId { get; } = projectId;

    /// <summary>The token body returned by Keystone.</summary>
    public JsonObject TokenBody { get; } = tokenBody;

    /// <summary>Compute path.</summary>
    public string Compute(string path) => $"/sites/{Site}/compute/v2.1{path}";

    /// <summary>Volume path (with project id).</summary>
    public string Volume(string path) => $"/sites/{Site}/volume/v3/{ProjectId}{path}";

    /// <summary>Network path.</summary>
    public string Network(string path) => $"/sites/{Site}/network/v2.0{path}";

    /// <summary>Image path.</summary>
    public string Image(string path) => $"/sites/{Site}/image/v2{path}";

    /// <summary>GET with this token.</summary>
    public Task<SimResponse> GetAsync(string path, params (string, string)[] headers) => Client.GetAsync(path, Token, headers);

    /// <summary>POST with this token.</summary>
    public Task<SimResponse> PostAsync(string path, JsonNode? body, params (string, string)[] headers) => Client.PostAsync(path, body, Token, headers);

    /// <summary>PUT with this token.</summary>
    public Task<SimResponse> PutAsync(string path, JsonNode? body, params (string, string)[] headers) => Client.SendAsync(HttpMethod.Put, path, body, Token, headers);

    /// <summary>DELETE with this token.</summary>
    public Task<SimResponse> DeleteAsync(string path, params (string, string)[] headers) => Client.SendAsync(HttpMethod.Delete, path, null, Token, headers);

    /// <summary>Id of a flavor by name.</summary>
    public async Task<string> FlavorIdAsync(string name)
    {
        var flavors = (await GetAsync(Compute("/flavors"))).AssertStatus(200).Json!["flavors"]!.AsArray();
        return flavors.First(f => f!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<string>();
    }

    /// <summary>Id of an image by name.</summary>
    public async Task<string> ImageIdAsync(string name) =>
        (await GetAsync(Image("/images?name=" + name))).AssertStatus(200).Json!["images"]![0]!["id"]!.GetValue<string>();

    /// <summary>Creates a server (microversion 2.79, network auto) and returns its id.</summary>
    public async Task<string> CreateServerAsync(string name, string flavor = "m1.small", string image = "ubuntu-24.04")
    {
        var body = new JsonObject
        {
            ["server"] = new JsonObject
            {
                ["name"] = name,
                ["flavorRef"] = await FlavorIdAsync(flavor),
                ["imageRef"] = await ImageIdAsync(image),
                ["networks"] = "auto",
            },
        };
        return (await PostAsync(Compute("/servers"), body, ("OpenStack-API-Version", "compute 2.79"))).AssertStatus(202).Str("server", "id");
    }

    /// <summary>The server body.</summary>
    public async Task<JsonObject> ServerAsync(string id) => (await GetAsync(Compute("/servers/" + id))).AssertStatus(200).Json!["server"]!.AsObject();
}
