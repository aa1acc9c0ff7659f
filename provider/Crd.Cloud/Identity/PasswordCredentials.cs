namespace Crd.Cloud.Identity;

/// <summary>
/// Keystone password authentication scoped to one project: how a portal tenant's service user
/// signs in (Waldur's <c>user_username</c>/<c>user_password</c>). Read from the portal at run
/// time; never stored or logged.
/// </summary>
/// <param name="AuthUrl">The tenant's Keystone (Waldur's <c>access_url</c>), or null for the site's.</param>
/// <param name="UserName">User name (domain <c>Default</c>).</param>
/// <param name="Password">Password (a secret).</param>
/// <param name="ProjectId">The project the token is scoped to.</param>
public sealed record PasswordCredentials(string? AuthUrl, string UserName, string Password, string ProjectId)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"user {UserName} of project {ProjectId}";
}
