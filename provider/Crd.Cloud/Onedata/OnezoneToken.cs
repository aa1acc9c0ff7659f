namespace Crd.Cloud.Onedata;

/// <summary>A token Onezone issued: the serialized token and, for named tokens, its id.</summary>
/// <param name="Serialized">The token (a secret).</param>
/// <param name="TokenId">Id of a named token (to delete it), null for temporary tokens.</param>
public sealed record OnezoneToken(string Serialized, string? TokenId)
{
    /// <summary>Never prints the token.</summary>
    public override string ToString() => TokenId is null ? "temporary token" : $"named token {TokenId}";
}
