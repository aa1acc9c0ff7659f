using Crd.Simulator.State;

namespace Crd.Simulator.Onedata;

/// <summary>A named or temporary Onezone token (temporary ones are kept too, so that Onepanel can verify them).</summary>
[SimCollection("onedata.tokens")]
public sealed class OnezoneToken : Entity
{
    /// <summary>Serialized token.</summary>
    public string Serialized { get; set; } = "";

    /// <summary>Name (named tokens).</summary>
    public string? Name { get; set; }

    /// <summary>True for temporary tokens.</summary>
    public bool Temporary { get; set; }

    /// <summary>Subject user id.</summary>
    public string UserId { get; set; } = "";

    /// <summary>The <c>type</c> object as JSON text.</summary>
    public string TypeJson { get; set; } = "{}";

    /// <summary>The <c>caveats</c> list as JSON text.</summary>
    public string CaveatsJson { get; set; } = "[]";

    /// <summary>Invite type (supportSpace...), null for access tokens.</summary>
    public string? InviteType { get; set; }

    /// <summary>Space of an invite token.</summary>
    public string? SpaceId { get; set; }

    /// <summary>Uses allowed (null: infinity).</summary>
    public int? UsageLimit { get; set; }

    /// <summary>Uses so far.</summary>
    public int UsageCount { get; set; }

    /// <summary>Expiry from the time caveat (epoch seconds), or null.</summary>
    public long? ValidUntil { get; set; }

    /// <summary>Revoked flag.</summary>
    public bool Revoked { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
