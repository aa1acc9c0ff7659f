using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Crd.Simulator.Dashboard;

/// <summary>
/// Server-side rendering of the dashboard: large type and high contrast (it is projected in class),
/// no external resources. The page replaces its <c>#live</c> part every 2 s with
/// <c>/_sim/dashboard.html</c> (the same fragment).
/// </summary>
public static class DashboardPage
{
    private const string Style = """
        :root { color-scheme: dark; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #0b0f14; color: #f2f5f8; font: 20px/1.4 system-ui, "DejaVu Sans", sans-serif; }
        header { display: flex; justify-content: space-between; align-items: baseline; padding: 18px 32px; background: #131b24; border-bottom: 3px solid #3fa7ff; }
        h1 { margin: 0; font-size: 34px; } h1 small { color: #9fb3c8; font-size: 22px; font-weight: normal; }
        h2 { font-size: 26px; margin: 28px 0 12px; color: #8fd0ff; }
        main { padding: 8px 32px 32px; }
        .clock { font-size: 24px; color: #ffd866; font-variant-numeric: tabular-nums; }
        .sites { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px; }
        .card { background: #16202b; border: 2px solid #2a3a4c; border-radius: 10px; padding: 14px 18px; }
        .card h3 { margin: 0 0 6px; font-size: 26px; }
        .badge { display: inline-block; padding: 1px 9px; margin: 2px 4px 2px 0; border-radius: 6px; background: #24476b; font-size: 16px; }
        .metric { display: grid; grid-template-columns: 70px 1fr 120px; gap: 10px; align-items: center; font-size: 18px; margin-top: 6px; }
        .counts { margin-top: 8px; color: #c9d7e6; font-size: 18px; }
        .bar { height: 16px; background: #2a3644; border-radius: 8px; overflow: hidden; }
        .bar span { display: block; height: 100%; background: #4cd964; }
        .bar span.warn { background: #ffcc00; } .bar span.full { background: #ff4f4f; }
        table { width: 100%; border-collapse: collapse; font-size: 19px; }
        th { text-align: left; color: #9fb3c8; font-weight: 600; border-bottom: 2px solid #2a3a4c; padding: 6px 10px; }
        td { padding: 6px 10px; border-bottom: 1px solid #222e3b; vertical-align: middle; }
        td .bar { width: 110px; display: inline-block; vertical-align: middle; margin-right: 8px; }
        .num { font-variant-numeric: tabular-nums; white-space: nowrap; }
        .st { font-weight: 700; } .ok { color: #4cd964; } .busy { color: #ffd866; } .bad { color: #ff6b6b; }
        .empty { color: #7d8fa3; font-style: italic; }
        .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; }
        @media (max-width: 1100px) { .cols { grid-template-columns: 1fr; } }
        code { font-size: 17px; color: #c9d7e6; }
        """;

    private const string Script = """
        setInterval(async () => {
          try {
            const r = await fetch('/_sim/dashboard.html', { cache: 'no-store' });
            if (r.ok) { document.getElementById('live').innerHTML = await r.text(); }
          } catch (e) { /* the simulator restarted; try again later */ }
        }, 2000);
        """;

    /// <summary>The whole page.</summary>
    public static string Render(JsonObject model) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<link rel=\"icon\" href=\"data:,\"><title>crd-sim: federation dashboard</title><style>" + Style + "</style></head><body>"
        + "<header><h1>CRD federation <small>crd-sim, live</small></h1></header>"
        + "<main id=\"live\">" + Fragment(model) + "</main><script>" + Script + "</script></body></html>";

    /// <summary>The live part (also served alone for the refresh).</summary>
    public static string Fragment(JsonObject model)
    {
        var html = new StringBuilder(16_384);
        html.Append("<p class=\"clock\">Simulated time ").Append(E(Str(model["now"]).Replace('T', ' ').Replace("Z", " UTC", StringComparison.Ordinal))).Append(model["instant"]?.GetValue<bool>() == true ? " · instant mode" : "").Append("</p>");
        html.Append("<h2>Sites</h2><div class=\"sites\">");
        foreach (var site in Items(model["sites"]).OfType<JsonNode>())
        {
            html.Append("<div class=\"card\"><h3>").Append(E(Str(site["name"]))).Append("</h3><div>");
            foreach (var service in Items(site["services"]))
            {
                html.Append("<span class=\"badge\">").Append(E(service!.GetValue<string>())).Append("</span>");
            }
            html.Append("</div>");
            if (Int(site["vcpus"]?["total"]) == 0)
            {
                html.Append("<div class=\"counts\">storage only (no cloud)</div></div>");
                continue;
            }
            Metric(html, "vCPU", site["vcpus"]!, "");
            Metric(html, "RAM", site["ram_gb"]!, " GB");
            if (Int(site["gpus"]?["total"]) > 0)
            {
                Metric(html, "GPU", site["gpus"]!, "");
            }
            html.Append("<div class=\"counts\">").Append(Int(site["servers"])).Append(" servers · ").Append(Int(site["volumes"]))
                .Append(" volumes · ").Append(Int(site["clusters"])).Append(" clusters</div></div>");
        }
        html.Append("</div>");

        html.Append("<h2>Quotas and usage per project</h2>");
        Table(html, ["site", "project", "cores", "RAM (GB)", "instances", "volumes", "storage (GB)", "k8s"], model["projects"], p =>
            [E(Str(p["site"])), E(Str(p["name"])), Usage(p["cores"]!), Usage(p["ram_gb"]!), Usage(p["instances"]!), Usage(p["volumes"]!), Usage(p["storage_gb"]!), Usage(p["k8s_clusters"]!)],
            "No project uses anything yet.");

        html.Append("<h2>Servers <small class=\"empty\">").Append(Int(model["server_count"])).Append(" in all</small></h2>");
        Table(html, ["site", "project", "name", "status", "flavor", "addresses"], model["servers"], s =>
            [E(Str(s["site"])), E(Str(s["project"])), E(Str(s["name"])), Status(Str(s["status"])), E(Str(s["flavor"])),
             "<code>" + E(string.Join(", ", Items(s["ips"]).Select(i => i!.GetValue<string>()))) + "</code>"],
            "No servers.");

        html.Append("<div class=\"cols\"><div><h2>Volumes</h2>");
        Table(html, ["site", "name", "size", "status", "type", "attached to"], model["volumes"], v =>
            [E(Str(v["site"])), E(Str(v["name"])), "<span class=\"num\">" + Int(v["size_gb"]) + " GB</span>", Status(Str(v["status"])), E(Str(v["type"])),
             E(string.Join(", ", Items(v["attached_to"]).Select(i => i!.GetValue<string>())))],
            "No volumes.");
        html.Append("</div><div><h2>Kubernetes clusters</h2>");
        Table(html, ["site", "name", "status", "nodes", "version"], model["clusters"], c =>
            [E(Str(c["site"])), E(Str(c["name"])), Status(Str(c["status"])), $"<span class=\"num\">{Int(c["masters"])} + {Int(c["workers"])}</span>", E(Str(c["kubernetes"]))],
            "No clusters.");
        html.Append("</div></div><div class=\"cols\"><div><h2>Onedata spaces</h2>");
        Table(html, ["space", "supported by"], model["spaces"], s =>
            [E(Str(s["name"])), Items(s["providers"]).Any()
                ? E(string.Join(", ", Items(s["providers"]).Select(p => $"{Str(p!["site"])} {p["size_gb"]!.GetValue<double>().ToString("0.#", CultureInfo.InvariantCulture)} GB")))
                : "<span class=\"empty\">no support yet</span>"],
            "No spaces.");
        html.Append("</div><div><h2>Recent events</h2>");
        Table(html, ["time", "site", "event"], model["events"], e =>
            ["<span class=\"num\">" + E(Str(e["at"]).Replace('T', ' ').TrimEnd('Z')) + "</span>", E(Str(e["site"])), E(Str(e["text"]))],
            "Nothing happened yet.");
        html.Append("</div></div>");
        return html.ToString();
    }

    private static void Metric(StringBuilder html, string label, JsonNode value, string unit)
    {
        var used = Int(value["used"]);
        var total = Int(value["total"]);
        html.Append("<div class=\"metric\"><span>").Append(label).Append("</span>").Append(Bar(used, total))
            .Append("<span class=\"num\">").Append(used).Append(" / ").Append(total).Append(unit).Append("</span></div>");
    }

    private static string Usage(JsonNode value)
    {
        var used = Int(value["used"]);
        var limit = Int(value["limit"]);
        return Bar(used, limit) + $"<span class=\"num\">{used} / {(limit < 0 ? "∞" : limit.ToString(CultureInfo.InvariantCulture))}</span>";
    }

    private static string Bar(int used, int total)
    {
        var percent = total <= 0 ? (used > 0 ? 100 : 0) : Math.Min(100, used * 100 / total);
        var kind = percent >= 90 ? " class=\"full\"" : percent >= 70 ? " class=\"warn\"" : "";
        return $"<div class=\"bar\"><span{kind} style=\"width:{percent}%\"></span></div>";
    }

    private static string Status(string status)
    {
        var kind = status.Contains("ERROR", StringComparison.OrdinalIgnoreCase) || status.Contains("FAILED", StringComparison.Ordinal) || status == "error"
            ? "bad"
            : status is "ACTIVE" or "available" or "in-use" or "CREATE_COMPLETE" or "UPDATE_COMPLETE" ? "ok" : "busy";
        return $"<span class=\"st {kind}\">{E(status)}</span>";
    }

    private static void Table(StringBuilder html, string[] headers, JsonNode? rows, Func<JsonNode, string[]> cells, string empty)
    {
        var items = Items(rows).ToList();
        if (items.Count == 0)
        {
            html.Append("<p class=\"empty\">").Append(E(empty)).Append("</p>");
            return;
        }
        html.Append("<table><thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var row in items)
        {
            html.Append("<tr>");
            foreach (var cell in cells(row!))
            {
                html.Append("<td>").Append(cell).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }

    private static IEnumerable<JsonNode?> Items(JsonNode? node) => node as JsonArray ?? [];

    private static string Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static int Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
