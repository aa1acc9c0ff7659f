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
    /// <summary>Keystone of the admin credential (the admin clouds.yaml entry's), when it differs.</summary>
    public string? AdminAuthUrl { get; init; }

    /// <summary>Admin application credential id (crd_quota on the credentials' own project).</summary>
    public string? AdminApplicationCredentialId { get; init; }

    /// <summary>Admin application credential secret.</summary>
    public string? AdminApplicationCredentialSecret { get; init; }

    /// <summary>Never prints secrets (records print every member by default).</summary>
    public override string ToString() => $"site {Name} ({AuthUrl}, region {Region ?? "any"}, credential {ApplicationCredentialId})";
}
