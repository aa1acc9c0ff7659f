using Crd.Simulator.State;

namespace Crd.Simulator.Compute;

/// <summary>A Nova key pair; its id is <c>&lt;user id&gt;/&lt;name&gt;</c> (key pairs belong to users).</summary>
[SimCollection("compute.keypairs")]
public sealed class Keypair : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Owner.</summary>
    public string UserId { get; set; } = "";

    /// <summary>OpenSSH public key.</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>MD5 fingerprint (colon-separated hex, as Nova computes it).</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary><c>ssh</c> or <c>x509</c>.</summary>
    public string Type { get; set; } = "ssh";

    /// <summary>Numeric id shown by Nova.</summary>
    public int NumericId { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Store id of a user's key pair.</summary>
    public static string IdFor(string userId, string name) => userId + "/" + name;
}
