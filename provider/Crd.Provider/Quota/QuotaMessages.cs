using System.Text;

namespace Crd.Provider.Quota;

/// <summary>The words of the plan-time quota check's diagnostics (docs/guides/quota-check.md quotes them).</summary>
internal static class QuotaMessages
{
    /// <summary>Summary of the error at a resource whose change does not fit.</summary>
    public const string ExceededSummary = "Quota Exceeded";

    /// <summary>Summary of the warning when limits or usage could not be read.</summary>
    public const string NotCheckedSummary = "Quota Not Checked";

    /// <summary>
    /// "plan needs 24 cores on toulouse for project demo (id); limit 16, in use 8", one line per
    /// dimension, then what this resource adds and what to do.
    /// </summary>
    public static string ExceededDetail(string site, string project, string resourceType, QuotaDemand delta, IReadOnlyList<QuotaExcess> excesses)
    {
        var text = new StringBuilder();
        foreach (var e in excesses)
        {
            text.Append("plan needs ").Append(e.Kind.Describe(e.Demand))
                .Append(" on ").Append(site).Append(" for project ").Append(project)
                .Append("; limit ").Append(e.Kind.Number(e.Limit))
                .Append(", in use ").Append(e.Kind.Number(e.InUse))
                .Append(" (").Append(e.Kind.Number(Math.Max(0, e.Limit - e.InUse))).Append(" available).\n");
        }

        text.Append("This ").Append(resourceType).Append(" adds ")
            .Append(string.Join(", ", excesses.Select(e => e.Kind.Describe(e.Kind.Of(delta)))))
            .Append("; the demand is the sum of every change this run plans on the site for the project, net of what destroys and shrinks free.\n")
            .Append("Lower the demand (smaller flavors or volumes, fewer resources), or raise the quota with crd_quota or in the CRD portal, then plan again.");
        return text.ToString();
    }

    /// <summary>Summary of the error at a crd_quota limit set below what the plan needs.</summary>
    public const string BelowPlanSummary = "Quota Below Plan";

    /// <summary>"this crd_quota sets cores on toulouse for project X to 8; the plan needs 12 (4 in use)".</summary>
    public static string BelowPlanDetail(string site, string project, QuotaKind kind, long limit, long inUse, long needed)
        => $"This crd_quota sets {kind.Name} on {site} for project {project} to {kind.Number(limit)}, but the plan needs {kind.Describe(needed)} ({kind.Number(inUse)} in use, the rest planned in this run).\n"
           + "Keep the limit at or above what the run needs, or lower the demand in the same change.";

    /// <summary>Detail of the warning when the quota could not be read.</summary>
    public static string NotCheckedDetail(string site, string projectId, Exception error)
        => $"Could not read the quota of project {projectId} on {site}: {error.Message}\n"
           + "This plan was not checked against the quota; the site still enforces it when the change is applied.";
}
