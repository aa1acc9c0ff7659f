using System.Buffers;
using System.Globalization;
using System.Text;

namespace Crd.Terraform.Plugin.Cty.Msgpack;

public static partial class CtyMsgpackCodec
{
    /// <summary>Extension code of a refined unknown (object-wire-format.md).</summary>
    public const sbyte RefinedUnknownExtension = 12;

    // Refinement map keys (go-cty cty/msgpack/unknown.go).
    private const int RefinementNullness = 1;
    private const int RefinementStringPrefix = 2;
    private const int RefinementNumberMin = 3;
    private const int RefinementNumberMax = 4;
    private const int RefinementLengthMin = 5;
    private const int RefinementLengthMax = 6;

    // go-cty rejects larger refinement payloads; prefixes are cut to fit well below that.
    private const int MaxRefinementPayload = 1024;
    private const int MaxPrefixBytes = 256;

    private static ReadOnlySpan<byte> PlainUnknown => [MsgpackCode.FixExt1, 0x00, 0x00];

    private static void WriteUnknown(ref MsgpackWriter writer, CtyRefinements? refinements, CtyType type)
    {
        if (refinements is null || refinements.IsEmpty)
        {
            writer.WriteRaw(PlainUnknown);
            return;
        }

        var body = new ArrayBufferWriter<byte>(32);
        var bodyWriter = new MsgpackWriter(body);
        var count = 0;
        if (refinements.IsNull == false)
        {
            bodyWriter.WriteInt64(RefinementNullness);
            bodyWriter.WriteBoolean(false);
            count++;
        }

        switch (type.Kind)
        {
            case CtyTypeKind.String when !string.IsNullOrEmpty(refinements.StringPrefix):
                bodyWriter.WriteInt64(RefinementStringPrefix);
                bodyWriter.WriteString(TruncatePrefix(refinements.StringPrefix));
                count++;
                break;
            case CtyTypeKind.Number:
                if (refinements.NumberLowerBound is { } lower && lower.Value != CtyNumber.NegativeInfinity)
                {
                    bodyWriter.WriteInt64(RefinementNumberMin);
                    bodyWriter.WriteArrayHeader(2);
                    WriteNumber(ref bodyWriter, lower.Value);
                    bodyWriter.WriteBoolean(lower.Inclusive);
                    count++;
                }

                if (refinements.NumberUpperBound is { } upper && upper.Value != CtyNumber.PositiveInfinity)
                {
                    bodyWriter.WriteInt64(RefinementNumberMax);
                    bodyWriter.WriteArrayHeader(2);
                    WriteNumber(ref bodyWriter, upper.Value);
                    bodyWriter.WriteBoolean(upper.Inclusive);
                    count++;
                }

                break;
            case CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Map:
                if (refinements.LengthLowerBound is { } minLength and not 0)
                {
                    bodyWriter.WriteInt64(RefinementLengthMin);
                    bodyWriter.WriteInt64(minLength);
                    count++;
                }

                if (refinements.LengthUpperBound is { } maxLength)
                {
                    bodyWriter.WriteInt64(RefinementLengthMax);
                    bodyWriter.WriteInt64(maxLength);
                    count++;
                }

                break;
        }

        // Never an empty refinement map: that is what the code-0 form is for.
        if (count == 0)
        {
            writer.WriteRaw(PlainUnknown);
            return;
        }

        var header = new ArrayBufferWriter<byte>(5);
        new MsgpackWriter(header).WriteMapHeader(count);
        writer.WriteExtensionHeader(RefinedUnknownExtension, header.WrittenCount + body.WrittenCount);
        writer.WriteRaw(header.WrittenSpan);
        writer.WriteRaw(body.WrittenSpan);
    }

    /// <summary>
    /// Cuts a prefix longer than 256 UTF-8 bytes to at most 255 on a character boundary, then
    /// drops the last grapheme cluster unless it is punctuation that cannot combine with what
    /// follows (go-cty ctystrings.SafeKnownPrefix).
    /// </summary>
    private static string TruncatePrefix(string prefix)
    {
        if (Encoding.UTF8.GetByteCount(prefix) <= MaxPrefixBytes)
        {
            return prefix;
        }

        var bytes = 0;
        var end = 0;
        while (end < prefix.Length)
        {
            var width = char.IsHighSurrogate(prefix[end]) && end + 1 < prefix.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(prefix.AsSpan(end, width));
            if (bytes + size > MaxPrefixBytes - 1)
            {
                break;
            }

            bytes += size;
            end += width;
        }

        var cut = prefix[..end];
        var starts = StringInfo.ParseCombiningCharacters(cut);
        if (starts.Length == 0)
        {
            return cut;
        }

        var last = cut[starts[^1]..];
        return last.Length == 1 && "-_:;/\\,.(){}[]|?!~ \t@#$%^&*+\"'".Contains(last[0], StringComparison.Ordinal)
            ? cut
            : cut[..starts[^1]];
    }

    private static CtyValue DecodeUnknown(ref MsgpackReader reader, CtyType type)
    {
        var start = reader.Position;
        var code = reader.ReadExtension(out var payload, Describe(type));

        // Any extension is an unknown; only code 12 with a real payload carries refinements
        // (object-wire-format.md: "treat any MessagePack extension code as ... unknown").
        if (payload.Length <= 1 || code != RefinedUnknownExtension)
        {
            return CtyValue.Unknown(type);
        }

        if (payload.Length > MaxRefinementPayload)
        {
            MsgpackReader.ThrowAt(start, $"refinements of {payload.Length} bytes exceed the {MaxRefinementPayload}-byte limit");
        }

        try
        {
            return ReadRefinements(payload, type);
        }
        catch (CtyFormatException ex)
        {
            // Offsets inside the payload are relative to it; say where the payload is.
            MsgpackReader.ThrowAt(start, $"invalid refinements of an unknown {Describe(type)}: {ex.Message}");
            throw;
        }
    }

    private static CtyValue ReadRefinements(ReadOnlySpan<byte> payload, CtyType type)
    {
        var body = new MsgpackReader(payload);
        var count = body.ReadMapHeader("refinement map");
        if (type.IsDynamic)
        {
            // go-cty drops refinements of a value whose type is not known.
            return CtyValue.DynamicUnknown;
        }

        bool? isNull = null;
        string? prefix = null;
        (CtyNumber, bool)? lower = null;
        (CtyNumber, bool)? upper = null;
        long? minLength = null;
        long? maxLength = null;
        for (var i = 0; i < count; i++)
        {
            var key = body.ReadInt64("integer refinement key");
            switch (key)
            {
                case RefinementNullness:
                    isNull = body.ReadBoolean("bool nullness refinement");
                    break;
                case RefinementStringPrefix:
                    prefix = body.ReadString("string prefix refinement");
                    break;
                case RefinementNumberMin:
                case RefinementNumberMax:
                {
                    var boundOffset = body.Position;
                    if (body.ReadArrayHeader("[number, bool] bound refinement") != 2)
                    {
                        MsgpackReader.ThrowAt(boundOffset, "a number bound refinement must be a [number, bool] array");
                    }

                    var bound = ReadNumber(ref body, "number bound");
                    var inclusive = body.ReadBoolean("bool inclusive flag");
                    if (key == RefinementNumberMin)
                    {
                        lower = (bound, inclusive);
                    }
                    else
                    {
                        upper = (bound, inclusive);
                    }

                    break;
                }

                case RefinementLengthMin:
                    minLength = body.ReadInt64("integer length bound");
                    break;
                case RefinementLengthMax:
                    maxLength = body.ReadInt64("integer length bound");
                    break;
                default:
                    // Future refinements: ignore them (object-wire-format.md).
                    body.Skip(8);
                    break;
            }
        }

        // go-cty: "definitely null" means the value is simply null.
        if (isNull == true)
        {
            return CtyValue.Null(type);
        }

        // Refinements that do not apply to the type are ignored rather than rejected: they
        // are optional information (object-wire-format.md).
        var refinements = new CtyRefinements
        {
            IsNull = isNull,
            StringPrefix = type.Kind == CtyTypeKind.String ? prefix : null,
            NumberLowerBound = type.Kind == CtyTypeKind.Number ? lower : null,
            NumberUpperBound = type.Kind == CtyTypeKind.Number ? upper : null,
            LengthLowerBound = type.IsCollection && minLength >= 0 ? minLength : null,
            LengthUpperBound = type.IsCollection && maxLength >= 0 && maxLength >= (minLength ?? 0) ? maxLength : null,
        };
        return CtyValue.Unknown(type, refinements);
    }
}
