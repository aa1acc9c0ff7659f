namespace Crd.Cloud.Portal;

/// <summary>How to reach the Waldur portal.</summary>
/// <param name="ApiUrl">The API root, e.g. <c>https://portal.example/api/</c>.</param>
/// <param name="Token">The API token, sent as <c>Authorization: Token &lt;token&gt;</c> (never logged).</param>
public sealed record WaldurOptions(string ApiUrl, string Token)
{
    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"waldur at {ApiUrl}";
}
