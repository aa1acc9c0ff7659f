namespace Crd.Simulator.Faults;

/// <summary>
/// Holds the active fault rules and decides, with a seeded random generator, whether a request
/// (or a build) is hit. Thread-safe.
/// </summary>
public sealed class FaultInjector(int seed)
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);
    private List<FaultRule> _rules = [];

    /// <summary>Copy of the active rules.</summary>
    public List<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>Replaces every rule.</summary>
    public void Replace(IEnumerable<FaultRule> rules)
    {
        lock (_gate)
        {
            _rules = [.. rules];
        }
    }

    /// <summary>
    /// Rules of the request-level kinds (status, reset, latency) that fire for this request: every
    /// firing latency rule, then at most one status or reset rule.
    /// </summary>
    public List<FaultRule> Fire(string? site, string service, string method, string path)
    {
        var fired = new List<FaultRule>();
        lock (_gate)
        {
            if (_rules.Count == 0)
            {
                return fired;
            }
            foreach (var rule in _rules)
            {
                if (rule.Kind is FaultKind.BuildError or FaultKind.Slow || !rule.Matches(site, service, method, path) || !Roll(rule))
                {
                    continue;
                }
                fired.Add(rule);
                if (rule.Kind != FaultKind.Latency)
                {
                    break;
                }
            }
        }
        return fired;
    }

    /// <summary>
    /// The build-error rule hit by a create of <paramref name="service"/> at <paramref name="site"/>
    /// (path as in the request, e.g. <c>/servers</c>), or null.
    /// </summary>
    public FaultRule? BuildFault(string site, string service, string path)
    {
        lock (_gate)
        {
            return _rules.FirstOrDefault(r => r.Kind == FaultKind.BuildError && r.Matches(site, service, "POST", path) && Roll(r));
        }
    }

    /// <summary>
    /// How much slower a transition of <paramref name="service"/> at <paramref name="site"/> runs
    /// (the product of the firing slow rules; 1 when none). Slow rules match site and service only.
    /// </summary>
    public double SlowFactor(string site, string service)
    {
        lock (_gate)
        {
            var factor = 1.0;
            foreach (var rule in _rules)
            {
                if (rule.Kind == FaultKind.Slow && (rule.Site is null || rule.Site == site) && (rule.Service is null || rule.Service == service) && Roll(rule))
                {
                    factor *= Math.Max(0, rule.Factor);
                }
            }
            return factor;
        }
    }

    private bool Roll(FaultRule rule)
    {
        if (rule.Count is <= 0)
        {
            return false;
        }
        var hit = rule.Rate >= 1 || _random.NextDouble() < rule.Rate;
        if (hit && rule.Count is { } left)
        {
            rule.Count = left - 1;
        }
        return hit;
    }
}
