using System.Text;
using System.Text.Json.Nodes;

namespace Crd.Cloud.Onedata;

/// <summary>
/// Onezone token caveats (onedata-documentation <c>docs/user-guide/tokens.md</c>): each limits
/// what a token may do; a token carries the intersection of its caveats.
/// </summary>
public static class TokenCaveats
{
    /// <summary><c>{"type":"time","validUntil":&lt;epoch s&gt;}</c>: the token expires then (required for temporary tokens).</summary>
    public static JsonObject Time(DateTimeOffset validUntil) => new() { ["type"] = "time", ["validUntil"] = validUntil.ToUnixTimeSeconds() };

    /// <summary><c>{"type":"data.path","whitelist":[base64("/&lt;space id&gt;")]}</c>: data access limited to one space.</summary>
    public static JsonObject Space(string spaceId) => new()
    {
        ["type"] = "data.path",
        ["whitelist"] = new JsonArray(Convert.ToBase64String(Encoding.UTF8.GetBytes("/" + spaceId))),
    };

    /// <summary><c>{"type":"data.readonly"}</c>: data can be read, never written.</summary>
    public static JsonObject ReadOnly() => new() { ["type"] = "data.readonly" };

    /// <summary><c>{"type":"interface","interface":"oneclient"}</c> (or <c>rest</c>, <c>graphsync</c>).</summary>
    public static JsonObject Interface(string name) => new() { ["type"] = "interface", ["interface"] = name };

    /// <summary>Token type of an access token.</summary>
    public static JsonObject AccessTokenType() => new() { ["accessToken"] = new JsonObject() };

    /// <summary>Token type of an invitation for a provider to support <paramref name="spaceId"/>.</summary>
    public static JsonObject SupportSpaceType(string spaceId) => new()
    {
        ["inviteToken"] = new JsonObject { ["inviteType"] = "supportSpace", ["spaceId"] = spaceId },
    };
}
