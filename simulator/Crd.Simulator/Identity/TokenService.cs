using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;

namespace Crd.Simulator.Identity;

/// <summary>
/// Issues and validates Keystone tokens. Tokens are self-contained and HMAC-signed (like Fernet
/// tokens), so issuing one writes nothing; validation still checks that the user, project and
/// credential exist, so deleting any of them revokes the token.
/// </summary>
public sealed class TokenService(string seed, SimStore store)
{
    private const string Prefix = "gAAAAA";
    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes(seed + ":keystone-token-key"));

    /// <summary>Token lifetime.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Creates a token string for an authenticated identity (scope already checked).</summary>
    public string Issue(string site, string userId, string? projectId, string? applicationCredentialId, IReadOnlyList<string> methods,
        DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var payload = string.Join('|', "v1", site, userId, projectId ?? "", applicationCredentialId ?? "", string.Join(',', methods),
            issuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            expiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            Convert.ToHexString(RandomNumberGenerator.GetBytes(6)));
        var bytes = Encoding.UTF8.GetBytes(payload);
        return Prefix + Base64Url(bytes) + "." + Base64Url(HMACSHA256.HashData(_key, bytes).AsSpan(0, 16));
    }

    /// <summary>
    /// Validates <paramref name="token"/> for <paramref name="site"/>: signature, expiry on the
    /// simulated clock, and that everything it names still exists. 401 otherwise.
    /// </summary>
    public Task<TokenInfo> ValidateAsync(string site, string? token) => store.ExecuteAsync(tx => Validate(tx, site, token));

    /// <summary>Validation inside a transaction.</summary>
    public TokenInfo Validate(StoreTransaction tx, string site, string? token)
    {
        var fields = Decode(token) ?? throw Unauthorized();
        if (fields[1] != site || tx.Find<RevokedToken>(RevocationId(token!)) is not null)
        {
            throw Unauthorized();
        }
        var issued = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields[6], CultureInfo.InvariantCulture));
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields[7], CultureInfo.InvariantCulture));
        if (expires <= tx.Now)
        {
            throw Unauthorized();
        }
        var user = tx.Find<User>(fields[2]);
        if (user is null || !user.Enabled)
        {
            throw Unauthorized();
        }
        Project? project = null;
        IReadOnlyList<string> roles = [];
        if (fields[3].Length > 0)
        {
            project = tx.Find<Project>(fields[3]);
            if (project is null || !project.Enabled)
            {
                throw Unauthorized();
            }
            roles = project.Members.GetValueOrDefault(user.Id) ?? [];
        }
        ApplicationCredential? credential = null;
        if (fields[4].Length > 0)
        {
            credential = tx.Find<ApplicationCredential>(fields[4]);
            if (credential is null || (credential.ExpiresAt is { } end && end <= tx.Now))
            {
                throw Unauthorized();
            }
            roles = credential.Roles;
        }
        return new TokenInfo
        {
            Site = site,
            UserId = user.Id,
            UserName = user.Name,
            ProjectId = project?.Id,
            ProjectName = project?.Name,
            Roles = roles,
            Methods = fields[5].Split(',', StringSplitOptions.RemoveEmptyEntries),
            ApplicationCredentialId = credential?.Id,
            Restricted = credential is { Unrestricted: false },
            IssuedAt = issued,
            ExpiresAt = expires,
        };
    }

    /// <summary>Revokes <paramref name="token"/> (valid or not, it never validates again).</summary>
    public static void Revoke(StoreTransaction tx, string site, string token, DateTimeOffset expiresAt) =>
        tx.Put(new RevokedToken { Id = RevocationId(token), Site = site, DueAt = expiresAt });

    /// <summary>Keystone's 401 for a missing, unknown or expired token.</summary>
    public static ApiException Unauthorized() => new(401, "The request you have made requires authentication.");

    private string[]? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var dot = token.LastIndexOf('.');
        if (dot < Prefix.Length)
        {
            return null;
        }
        try
        {
            var payload = Base64UrlDecode(token[Prefix.Length..dot]);
            var signature = Base64UrlDecode(token[(dot + 1)..]);
            var expected = HMACSHA256.HashData(_key, payload).AsSpan(0, 16);
            if (!CryptographicOperations.FixedTimeEquals(expected, signature))
            {
                return null;
            }
            var fields = Encoding.UTF8.GetString(payload).Split('|');
            return fields.Length == 9 && fields[0] == "v1" ? fields : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string RevocationId(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }
}
