using System.Text.Json;
using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Network;

/// <summary>
/// Neutron's generic list semantics: any attribute can be a query filter (repeated keys = any of),
/// <c>fields=</c> projects, <c>sort_key</c>/<c>sort_dir</c>, <c>limit</c>/<c>marker</c>.
/// </summary>
public static class NeutronQuery
{
    private static readonly HashSet<string> Reserved = ["fields", "limit", "marker", "sort_key", "sort_dir", "page_reverse", "tags", "tags-any", "not-tags"];

    /// <summary>Renders, filters and answers <c>{"&lt;key&gt;": [...]}</c>.</summary>
    public static async Task<IResult> ListAsync(HttpContext ctx, SimRuntime runtime, string key, Func<StoreTransaction, IEnumerable<JsonObject>> items)
    {
        var rendered = await runtime.Store.ExecuteAsync(tx => items(tx).ToList());
        var query = ctx.Request.Query;
        IEnumerable<JsonObject> result = rendered.Where(item => query.Where(q => !Reserved.Contains(q.Key)).All(q =>
            item.TryGetPropertyValue(q.Key, out var value) && q.Value.Any(wanted => Matches(value, wanted))));
        if (query["tags"].ToString() is { Length: > 0 } tags)
        {
            var wanted = tags.Split(',');
            result = result.Where(i => i["tags"] is JsonArray list && wanted.All(t => list.Any(x => Text(x) == t)));
        }
        if (query["sort_key"].ToString() is { Length: > 0 } sortKey)
        {
            var descending = query["sort_dir"].ToString() == "desc";
            result = descending
                ? result.OrderByDescending(i => Text(i[sortKey]), StringComparer.Ordinal)
                : result.OrderBy(i => Text(i[sortKey]), StringComparer.Ordinal);
        }
        if (query["marker"].ToString() is { Length: > 0 } marker)
        {
            result = result.SkipWhile(i => Text(i["id"]) != marker).Skip(1);
        }
        if (int.TryParse(query["limit"], out var limit) && limit > 0)
        {
            result = result.Take(limit);
        }
        var fields = query["fields"].Where(f => !string.IsNullOrEmpty(f)).ToList();
        var list = new JsonArray();
        foreach (var item in result)
        {
            list.Add(fields.Count == 0 ? item : Project(item, fields!));
        }
        return HttpJson.Json(new JsonObject { [key] = list });
    }

    /// <summary>Keeps only <paramref name="fields"/>.</summary>
    public static JsonObject Project(JsonObject item, IReadOnlyCollection<string> fields)
    {
        var projected = new JsonObject();
        foreach (var field in fields)
        {
            if (item.TryGetPropertyValue(field, out var value))
            {
                projected[field] = value?.DeepClone();
            }
        }
        return projected;
    }

    private static bool Matches(JsonNode? value, string? wanted) =>
        value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? string.Equals(Text(value), wanted, StringComparison.OrdinalIgnoreCase)
            : Text(value) == wanted;

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>() ? "True" : "False",
        _ => node.ToJsonString(),
    };
}
