namespace Crd.Simulator.Hosting;

/// <summary>
/// Where a request is addressed: <c>/sites/&lt;site&gt;/&lt;service&gt;/...</c>, <c>/portal/...</c>,
/// <c>/onezone/...</c>, <c>/_sim/...</c> or the dashboard. Decides error shapes, auth and faults.
/// </summary>
public readonly record struct ServicePath(string? Site, string Service, string Rest)
{
    /// <summary>Admin endpoints.</summary>
    public const string Admin = "admin";

    /// <summary>The dashboard and anything else.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>Versioned prefixes stripped from <see cref="Rest"/> so that fault globs read naturally.</summary>
    private static readonly string[] VersionPrefixes = ["/v2.1", "/v3", "/v2.0", "/v2", "/v1", "/api/v3/onepanel", "/api/v3/onezone", "/api"];

    /// <summary>Classifies <paramref name="path"/>.</summary>
    public static ServicePath Parse(string path)
    {
        var segments = path.Split('/', 5, StringSplitOptions.None);
        // "", "sites", site, service, rest
        if (segments.Length >= 4 && segments[1] == "sites")
        {
            var rest = segments.Length == 5 ? "/" + segments[4] : "/";
            return new ServicePath(segments[2], segments[3], StripVersion(rest));
        }
        if (segments.Length >= 2)
        {
            var rest = path[(segments[1].Length + 1)..];
            switch (segments[1])
            {
                case "_sim": return new ServicePath(null, Admin, rest);
                case "portal": return new ServicePath(null, "portal", StripVersion(rest));
                case "onezone": return new ServicePath(null, "onezone", StripVersion(rest));
            }
        }
        return new ServicePath(null, Dashboard, path);
    }

    private static string StripVersion(string rest)
    {
        foreach (var prefix in VersionPrefixes)
        {
            if (rest.StartsWith(prefix, StringComparison.Ordinal) && (rest.Length == prefix.Length || rest[prefix.Length] == '/'))
            {
                rest = rest[prefix.Length..];
                break;
            }
        }
        return rest.Length == 0 ? "/" : rest;
    }
}
