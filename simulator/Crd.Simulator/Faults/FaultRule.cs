using System.Globalization;
using System.Text.RegularExpressions;

namespace Crd.Simulator.Faults;

/// <summary>
/// One fault-injection rule. Empty matchers match everything; <see cref="Path"/> is a glob over
/// the path after the service prefix (<c>/servers*</c>, <c>/volumes/*/action</c>).
/// </summary>
public sealed class FaultRule
{
    /// <summary>Optional name, to find the rule again.</summary>
    public string? Name { get; set; }

    /// <summary>Site name, or null for every site.</summary>
    public string? Site { get; set; }

    /// <summary>Service (identity, compute, volume, network, image, container-infra, portal...).</summary>
    public string? Service { get; set; }

    /// <summary>HTTP method, or null for all.</summary>
    public string? Method { get; set; }

    /// <summary>Glob over the service-relative path (<c>*</c> = any characters).</summary>
    public string? Path { get; set; }

    /// <summary>What to do.</summary>
    public FaultKind Kind { get; set; } = FaultKind.Status;

    /// <summary>Status code for <see cref="FaultKind.Status"/>.</summary>
    public int Status { get; set; } = 503;

    /// <summary>Retry-After seconds sent with a 429 or 503 (null: none).</summary>
    public int? RetryAfter { get; set; }

    /// <summary>Added latency for <see cref="FaultKind.Latency"/>.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Multiplier of transition times for <see cref="FaultKind.Slow"/>.</summary>
    public double Factor { get; set; } = 10;

    /// <summary>Probability in [0, 1] that a matching request is hit (seeded random).</summary>
    public double Rate { get; set; } = 1;

    /// <summary>Hits left before the rule stops firing; null = unlimited.</summary>
    public int? Count { get; set; }

    /// <summary>Message of the error body or of the build fault.</summary>
    public string? Message { get; set; }

    /// <summary>True when the rule applies to this request.</summary>
    public bool Matches(string? site, string service, string method, string path)
    {
        if (Site is not null && !string.Equals(Site, site, StringComparison.Ordinal))
        {
            return false;
        }
        if (Service is not null && !string.Equals(Service, service, StringComparison.Ordinal))
        {
            return false;
        }
        if (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return Path is null || Regex.IsMatch(path, "^" + Regex.Escape(Path).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    }

    /// <summary>
    /// Parses the command-line form <c>key=value,key=value</c>, e.g.
    /// <c>service=compute,method=POST,path=/servers,status=503,rate=0.5</c>.
    /// </summary>
    public static FaultRule Parse(string text)
    {
        var rule = new FaultRule();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2)
            {
                throw new FormatException($"fault setting '{pair}' is not key=value");
            }
            var value = parts[1];
            var inv = CultureInfo.InvariantCulture;
            switch (parts[0].ToLowerInvariant())
            {
                case "name": rule.Name = value; break;
                case "site": rule.Site = value; break;
                case "service": rule.Service = value; break;
                case "method": rule.Method = value.ToUpperInvariant(); break;
                case "path": rule.Path = value; break;
                case "kind": rule.Kind = ParseKind(value); break;
                case "status": rule.Status = int.Parse(value, inv); break;
                case "retry-after" or "retryafter": rule.RetryAfter = int.Parse(value, inv); break;
                case "latency-ms" or "latencyms" or "latency": rule.LatencyMs = int.Parse(value, inv); break;
                case "factor": rule.Factor = double.Parse(value, inv); break;
                case "rate": rule.Rate = double.Parse(value, inv); break;
                case "count" or "remaining": rule.Count = int.Parse(value, inv); break;
                case "message": rule.Message = value; break;
                default: throw new FormatException($"unknown fault setting '{parts[0]}'");
            }
        }
        if (rule.Kind == FaultKind.Status && rule.Status == 429 && rule.RetryAfter is null)
        {
            rule.RetryAfter = 1;
        }
        return rule;
    }

    private static FaultKind ParseKind(string value) => value.ToLowerInvariant() switch
    {
        "status" or "error" => FaultKind.Status,
        "reset" => FaultKind.Reset,
        "latency" => FaultKind.Latency,
        "build-error" or "builderror" => FaultKind.BuildError,
        "slow" => FaultKind.Slow,
        _ => throw new FormatException($"unknown fault kind '{value}' (status, reset, latency, build-error, slow)"),
    };
}
