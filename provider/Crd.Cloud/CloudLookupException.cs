namespace Crd.Cloud;

/// <summary>A name or id did not resolve (or resolved ambiguously); lists what exists.</summary>
public sealed class CloudLookupException : CloudException
{
    /// <summary>Creates the exception.</summary>
    public CloudLookupException(string site, string kind, string query, IEnumerable<string> available, bool ambiguous = false)
        : base(ambiguous
            ? $"{kind} \"{query}\" is ambiguous on {site}: several match ({Join(available)}); use the id"
            : $"no {kind} \"{query}\" on {site}; available: {Join(available)}")
    {
        Kind = kind;
        Query = query;
    }

    /// <summary>What was looked up (<c>flavor</c>, <c>image</c>...).</summary>
    public string Kind { get; }

    /// <summary>The name or id given.</summary>
    public string Query { get; }

    private static string Join(IEnumerable<string> names)
    {
        var list = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list.Take(30)) + (list.Count > 30 ? $", ... ({list.Count} in all)" : "");
    }
}
