using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Admin;

/// <summary>
/// Counts the API requests crd-sim received (admin and dashboard calls excluded), by site,
/// service, method and outcome, so that benchmarks and tests can measure how chatty a client is
/// from the server's side (retries and re-authentication included). Thread-safe and lock-free.
/// </summary>
public sealed class RequestStats
{
    private static readonly object ResetKey = new();
    private readonly ConcurrentDictionary<Key, long> _counts = new();
    private readonly ConcurrentDictionary<string, long> _outcomes = new(StringComparer.Ordinal);

    /// <summary>Counts one request; <paramref name="path"/> is the service-relative path (ids are folded into <c>{id}</c>).</summary>
    public void Record(string? site, string service, string method, string path)
        => _counts.AddOrUpdate(new Key(site ?? "", service, method, Route(path)), 1, (_, n) => n + 1);

    /// <summary>
    /// The route of a service-relative path: the query dropped, and every segment that looks like
    /// an id (a UUID, or 16+ hex digits as Keystone project ids) replaced by <c>{id}</c>, so that
    /// <c>/servers/5f0c.../action</c> and <c>/servers/9a1b.../action</c> count together.
    /// </summary>
    public static string Route(string path)
    {
        var segments = path.Split('?', 2)[0].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (Guid.TryParse(segment, out _) || (segment.Length >= 16 && segment.All(Uri.IsHexDigit)))
            {
                segments[i] = "{id}";
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>Counts the outcome of one request: its status code, or <c>reset</c> for an aborted connection.</summary>
    public void RecordOutcome(string outcome) => _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    /// <summary>Starts counting from zero.</summary>
    public void Reset()
    {
        _counts.Clear();
        _outcomes.Clear();
    }

    /// <summary>
    /// The counts: <c>total</c>, <c>by_service</c>, <c>by_site</c> (per service), <c>by_method</c>
    /// (<c>"GET compute"</c>), <c>by_route</c> (<c>"GET compute /servers/{id}"</c>), <c>by_outcome</c> (<c>"200"</c>, <c>"429"</c>, <c>"reset"</c>).
    /// </summary>
    public JsonObject Snapshot()
    {
        var counts = _counts.ToArray();
        var bySite = new JsonObject();
        foreach (var site in counts.Where(c => c.Key.Site.Length > 0).GroupBy(c => c.Key.Site).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            bySite[site.Key] = Sum(site, c => c.Service);
        }
        var outcomes = new JsonObject();
        foreach (var (outcome, n) in _outcomes.ToArray().OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            outcomes[outcome] = n;
        }
        return new JsonObject
        {
            ["total"] = counts.Sum(c => c.Value),
            ["by_service"] = Sum(counts, c => c.Service),
            ["by_site"] = bySite,
            ["by_method"] = Sum(counts, c => c.Method + " " + c.Service),
            ["by_route"] = Sum(counts, c => c.Method + " " + c.Service + " " + c.Route),
            ["by_outcome"] = outcomes,
        };
    }

    private static JsonObject Sum(IEnumerable<KeyValuePair<Key, long>> counts, Func<Key, string> by)
    {
        var result = new JsonObject();
        foreach (var group in counts.GroupBy(c => by(c.Key)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            result[group.Key] = group.Sum(c => c.Value);
        }
        return result;
    }

    /// <summary>Marks a request whose connection is about to be aborted (Kestrel cancels RequestAborted asynchronously).</summary>
    public static void MarkReset(HttpContext context) => context.Items[ResetKey] = true;

    /// <summary>The outcome of a finished request: <c>reset</c> or its status code.</summary>
    public static string Outcome(HttpContext context) =>
        context.Items.ContainsKey(ResetKey) || context.RequestAborted.IsCancellationRequested
            ? "reset"
            : context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Key(string Site, string Service, string Method, string Route);
}
