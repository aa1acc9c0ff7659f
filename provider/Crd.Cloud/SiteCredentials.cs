namespace Crd.Cloud;

/// <summary>How to authenticate to one site's Keystone with an application credential.</summary>
/// <param name="Site">The site name used in resources (<c>toulouse</c>).</param>
/// <param name="AuthUrl">Keystone v3 URL, e.g. <c>https://keystone.example:5000/v3</c>.</param>
/// <param name="Region">Catalog region to pick endpoints from; null takes the first public endpoint.</param>
/// <param name="ApplicationCredentialId">Application credential id.</param>
/// <param name="ApplicationCredentialSecret">Application credential secret (never logged).</param>
/// <param name="CaCertFile">Extra CA bundle (PEM) trusted for this site.</param>
/// <param name="Insecure">Skip TLS verification (test clouds only).</param>
public sealed record SiteCredentials(
    string Site,
    string AuthUrl,
    string? Region,
    string ApplicationCredentialId,
    string ApplicationCredentialSecret,
    string? CaCertFile = null,
    bool Insecure = false)
{
    /// <summary>Never prints the secret (records print every member by default).</summary>
    public override string ToString() => $"site {Site} ({AuthUrl}, region {Region ?? "any"}, credential {ApplicationCredentialId})";
}
