namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// Orders strings by Unicode code point, which is the byte order of their UTF-8 encodings: the
/// order Go's <c>sort.Strings</c> gives, hence the order go-cty writes map keys, object
/// attributes and string set elements in. It equals <see cref="StringComparer.Ordinal"/> except
/// for supplementary-plane characters against U+E000..U+FFFF.
/// </summary>
internal sealed class CtyStringOrder : IComparer<string>
{
    public static CtyStringOrder Instance { get; } = new();

    public static int CompareStrings(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a != b)
            {
                return Fix(a) - Fix(b);
            }
        }

        return x.Length - y.Length;
    }

    public int Compare(string? x, string? y) => CompareStrings(x, y);

    // Surrogates (D800..DFFF) encode code points above FFFF, so they must sort after E000..FFFF.
    private static int Fix(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
}
