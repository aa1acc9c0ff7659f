namespace Crd.Cloud.Image;

/// <summary>Server-side filters of <c>GET /v2/images</c> (all optional).</summary>
public sealed record ImageQuery
{
    /// <summary>Exact name.</summary>
    public string? Name { get; init; }

    /// <summary>Status; default <c>active</c>.</summary>
    public string? Status { get; init; } = "active";

    /// <summary>Visibility filter.</summary>
    public string? Visibility { get; init; }

    /// <summary>Tag that must be present.</summary>
    public string? Tag { get; init; }

    /// <summary>Custom properties that must match exactly.</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
