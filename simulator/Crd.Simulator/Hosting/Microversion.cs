using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Hosting;

/// <summary>
/// An OpenStack API microversion (<c>2.79</c>), negotiated from <c>OpenStack-API-Version: compute 2.79</c>
/// or the service's legacy header (<c>X-OpenStack-Nova-API-Version</c>).
/// </summary>
public readonly record struct Microversion(int Major, int Minor) : IComparable<Microversion>
{
    private const string ItemKey = "crd.microversion";

    /// <summary>Compares versions numerically.</summary>
    public int CompareTo(Microversion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <summary>Less than.</summary>
    public static bool operator <(Microversion a, Microversion b) => a.CompareTo(b) < 0;

    /// <summary>Greater than.</summary>
    public static bool operator >(Microversion a, Microversion b) => a.CompareTo(b) > 0;

    /// <summary>Less than or equal.</summary>
    public static bool operator <=(Microversion a, Microversion b) => a.CompareTo(b) <= 0;

    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(Microversion a, Microversion b) => a.CompareTo(b) >= 0;

    /// <summary>"2.79".</summary>
    public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses "2.79"; null when malformed.</summary>
    public static Microversion? TryParse(string text)
    {
        var parts = text.Trim().Split('.');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? new Microversion(major, minor)
            : null;
    }

    /// <summary>
    /// Negotiates the version of <paramref name="serviceType"/> for this request, answers with the
    /// version headers, and remembers it for <see cref="Of"/>. Unparseable or out-of-range versions
    /// are refused with 400/406 as the services do.
    /// </summary>
    public static Microversion Negotiate(HttpContext context, string serviceType, string? legacyHeader, Microversion min, Microversion max)
    {
        string? requested = null;
        foreach (var header in context.Request.Headers["OpenStack-API-Version"])
        {
            foreach (var entry in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = entry.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && string.Equals(parts[0], serviceType, StringComparison.OrdinalIgnoreCase))
                {
                    requested = parts[1];
                }
            }
        }
        if (requested is null && legacyHeader is not null && context.Request.Headers.TryGetValue(legacyHeader, out var legacy))
        {
            requested = legacy.ToString();
        }
        var version = min;
        if (!string.IsNullOrWhiteSpace(requested))
        {
            if (string.Equals(requested.Trim(), "latest", StringComparison.OrdinalIgnoreCase))
            {
                version = max;
            }
            else
            {
                version = TryParse(requested) ?? throw ApiException.BadRequest(
                    $"API Version String {requested} is of invalid format. Must be of format MajorNum.MinorNum.");
                if (version < min || version > max)
                {
                    throw new ApiException(406, $"Version {version} is not supported by the API. Minimum is {min} and maximum is {max}.");
                }
            }
        }
        var headers = context.Response.Headers;
        headers["OpenStack-API-Version"] = serviceType + " " + version;
        if (legacyHeader is not null)
        {
            headers[legacyHeader] = version.ToString();
        }
        headers.Vary = "OpenStack-API-Version" + (legacyHeader is null ? "" : ", " + legacyHeader);
        context.Items[ItemKey] = version;
        return version;
    }

    /// <summary>The version negotiated for this request (the minimum when none was).</summary>
    public static Microversion Of(HttpContext context, Microversion fallback) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is Microversion version ? version : fallback;
}
