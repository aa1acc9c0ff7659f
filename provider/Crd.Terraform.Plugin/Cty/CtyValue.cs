namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// An immutable cty value: known, null or unknown (possibly refined), of a <see cref="CtyType"/>.
/// This is what a <c>DynamicValue</c> of the plugin protocol decodes to.
/// </summary>
/// <remarks>
/// Values typed <see cref="CtyType.Dynamic"/> exist only as null or unknown; a value decoded
/// from a dynamic slot has its concrete type. Maps and objects enumerate in code-point order
/// of their keys; sets in go-cty's canonical order (see <see cref="Set"/>).
/// </remarks>
public sealed partial class CtyValue : IEquatable<CtyValue>
{
    private readonly ValueState _state;
    private readonly object? _payload;

    private CtyValue(CtyType type, ValueState state, object? payload, CtyRefinements? refinements = null)
    {
        Type = type;
        _state = state;
        _payload = payload;
        Refinements = refinements;
    }

    private enum ValueState : byte
    {
        Known,
        Null,
        Unknown,
    }

    /// <summary>The value's type (concrete unless the value is null or unknown of dynamic type).</summary>
    public CtyType Type { get; }

    /// <summary>True for a null value.</summary>
    public bool IsNull => _state == ValueState.Null;

    /// <summary>False for an unknown value (one Terraform will only know after apply).</summary>
    public bool IsKnown => _state != ValueState.Unknown;

    /// <summary>What is known about an unknown value; null for known values and plain unknowns.</summary>
    public CtyRefinements? Refinements { get; }

    /// <summary>True if neither this value nor anything nested in it is unknown.</summary>
    public bool IsWhollyKnown
    {
        get
        {
            if (_state == ValueState.Unknown)
            {
                return false;
            }

            return _payload switch
            {
                CtyValue[] elements => elements.All(e => e.IsWhollyKnown),
                CtyOrdinalMap<CtyValue> map => map.Values.All(e => e.IsWhollyKnown),
                _ => true,
            };
        }
    }

    /// <summary>The boolean <c>true</c>.</summary>
    public static CtyValue True { get; } = new(CtyType.Bool, ValueState.Known, true);

    /// <summary>The boolean <c>false</c>.</summary>
    public static CtyValue False { get; } = new(CtyType.Bool, ValueState.Known, false);

    /// <summary>The empty object value <c>{}</c>.</summary>
    public static CtyValue EmptyObject { get; } =
        new(CtyType.EmptyObject, ValueState.Known, CtyOrdinalMap<CtyValue>.Empty);

    /// <summary>A wholly unknown value of dynamic type (go-cty's <c>DynamicVal</c>).</summary>
    public static CtyValue DynamicUnknown { get; } = new(CtyType.Dynamic, ValueState.Unknown, null);

    /// <summary>The null value of <paramref name="type"/>.</summary>
    public static CtyValue Null(CtyType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new CtyValue(type, ValueState.Null, null);
    }

    /// <summary>
    /// An unknown value of <paramref name="type"/>, optionally refined. Refinements that say
    /// nothing (length lower bound 0, infinite number bounds) are dropped; refinements on the
    /// dynamic type are dropped, as go-cty does.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A refinement does not apply to the type (a string prefix on a number, ...) or claims the
    /// value is null (use <see cref="Null"/>).
    /// </exception>
    public static CtyValue Unknown(CtyType type, CtyRefinements? refinements = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (refinements is null || type.IsDynamic)
        {
            return new CtyValue(type, ValueState.Unknown, null);
        }

        return new CtyValue(type, ValueState.Unknown, null, NormalizeRefinements(type, refinements));
    }

    /// <summary>A known string, NFC-normalised as cty does.</summary>
    public static CtyValue String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new CtyValue(CtyType.String, ValueState.Known, NormalizeString(value));
    }

    /// <summary>A known number.</summary>
    public static CtyValue Number(CtyNumber value) => new(CtyType.Number, ValueState.Known, value);

    /// <summary>A known number.</summary>
    public static CtyValue Number(long value) => Number(CtyNumber.FromInt64(value));

    /// <summary>A known number with the exact value of the double.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    public static CtyValue Number(double value) => Number(CtyNumber.FromDouble(value));

    /// <summary>A known bool.</summary>
    public static CtyValue Bool(bool value) => value ? True : False;

    // NFC as cty.NormalizeString; our own implementation because the runtime's
    // string.Normalize does nothing under InvariantGlobalization.
    internal static string NormalizeString(string value) => Unicode.CtyUnicode.NormalizeNfc(value);

    private static CtyRefinements? NormalizeRefinements(CtyType type, CtyRefinements refinements)
    {
        if (refinements.IsNull == true)
        {
            throw new ArgumentException("An unknown value cannot be refined as null; use CtyValue.Null.", nameof(refinements));
        }

        if (refinements.StringPrefix is not null && type.Kind != CtyTypeKind.String)
        {
            throw new ArgumentException($"A string prefix refinement does not apply to {type}.", nameof(refinements));
        }

        if ((refinements.NumberLowerBound is not null || refinements.NumberUpperBound is not null)
            && type.Kind != CtyTypeKind.Number)
        {
            throw new ArgumentException($"A number bound refinement does not apply to {type}.", nameof(refinements));
        }

        if ((refinements.LengthLowerBound is not null || refinements.LengthUpperBound is not null) && !type.IsCollection)
        {
            throw new ArgumentException($"A length bound refinement does not apply to {type}.", nameof(refinements));
        }

        if (refinements.LengthLowerBound < 0 || refinements.LengthUpperBound < refinements.LengthLowerBound)
        {
            throw new ArgumentException("Invalid length bounds.", nameof(refinements));
        }

        var normalized = refinements with
        {
            StringPrefix = string.IsNullOrEmpty(refinements.StringPrefix)
                ? null
                : NormalizeString(refinements.StringPrefix),
            NumberLowerBound = refinements.NumberLowerBound is { } lower && lower.Value == CtyNumber.NegativeInfinity
                ? null
                : refinements.NumberLowerBound,
            NumberUpperBound = refinements.NumberUpperBound is { } upper && upper.Value == CtyNumber.PositiveInfinity
                ? null
                : refinements.NumberUpperBound,
            LengthLowerBound = refinements.LengthLowerBound == 0 ? null : refinements.LengthLowerBound,
        };
        return normalized.IsEmpty ? null : normalized;
    }
}
