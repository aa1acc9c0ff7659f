namespace Crd.Provider.Configuration;

/// <summary>How to reach one site, after clouds.yaml and environment defaults were applied.</summary>
internal sealed record SiteSettings(
    string Name,
    string AuthUrl,
    string? Region,
    string ApplicationCredentialId,
    string ApplicationCredentialSecret,
    string? OnepanelUrl,
    string? OnepanelToken,
    string? CaCertFile,
    bool Insecure)
{
    /// <summary>Never prints secrets (records print every member by default).</summary>
    public override string ToString() => $"site {Name} ({AuthUrl}, region {Region ?? "any"}, credential {ApplicationCredentialId})";
}
