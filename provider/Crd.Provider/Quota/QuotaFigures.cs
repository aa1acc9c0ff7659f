namespace Crd.Provider.Quota;

/// <summary>What a quota source reads for one project on one site.</summary>
/// <param name="Limits">Limits per dimension; -1 means unlimited.</param>
/// <param name="InUse">Usage per dimension at the time of the read.</param>
/// <param name="Project">How diagnostics name the project: its name and id when known, else the id.</param>
internal sealed record QuotaFigures(QuotaDemand Limits, QuotaDemand InUse, string Project);
