namespace Crd.Terraform.Plugin.Cty.Msgpack;

public static partial class CtyMsgpackCodec
{
    private static void EncodeValue(ref MsgpackWriter writer, CtyValue value, CtyType type)
    {
        // A value in a dynamic slot carries its own type, unless it is itself typed dynamic
        // (go-cty marshal.go: DynamicVal and a dynamic null are written plainly).
        if (type.IsDynamic && !value.Type.IsDynamic)
        {
            writer.WriteArrayHeader(2);
            writer.WriteBinary(value.Type.ToJsonUtf8());
            EncodeValue(ref writer, value, value.Type);
            return;
        }

        // Only null and unknown values are typed dynamic, and they fit any slot; any other
        // value must at least be of the slot's kind (deeper levels check their own).
        if (value.Type.Kind != type.Kind && !value.Type.IsDynamic)
        {
            throw new CtyEncodeMismatchException(value.Type, type);
        }

        if (!value.IsKnown)
        {
            WriteUnknown(ref writer, type.IsDynamic ? null : value.Refinements, type);
            return;
        }

        if (value.IsNull)
        {
            writer.WriteNil();
            return;
        }

        switch (type.Kind)
        {
            case CtyTypeKind.String:
                writer.WriteString(value.AsString());
                return;
            case CtyTypeKind.Number:
                WriteNumber(ref writer, value.AsNumber());
                return;
            case CtyTypeKind.Bool:
                writer.WriteBoolean(value.AsBool());
                return;
            case CtyTypeKind.List:
            case CtyTypeKind.Set:
            {
                var elements = value.Elements;
                writer.WriteArrayHeader(elements.Count);
                for (var i = 0; i < elements.Count; i++)
                {
                    EncodeStep(ref writer, elements[i], type.ElementType, CtyPathStep.ForIndex(i));
                }

                return;
            }

            case CtyTypeKind.Map:
            {
                var entries = value.MapEntries;
                writer.WriteMapHeader(entries.Count);
                foreach (var (key, element) in entries)
                {
                    writer.WriteString(key);
                    EncodeStep(ref writer, element, type.ElementType, CtyPathStep.ForKey(key));
                }

                return;
            }

            case CtyTypeKind.Tuple:
            {
                var elements = value.Elements;
                var elementTypes = type.ElementTypes;
                if (elements.Count != elementTypes.Count)
                {
                    throw new CtyEncodeMismatchException(value.Type, type);
                }

                writer.WriteArrayHeader(elements.Count);
                for (var i = 0; i < elements.Count; i++)
                {
                    EncodeStep(ref writer, elements[i], elementTypes[i], CtyPathStep.ForIndex(i));
                }

                return;
            }

            case CtyTypeKind.Object:
            {
                var attributes = value.Attributes;
                var attributeTypes = type.AttributeTypes;
                if (attributes.Count != attributeTypes.Count)
                {
                    throw new CtyEncodeMismatchException(value.Type, type);
                }

                writer.WriteMapHeader(attributeTypes.Count);
                foreach (var (name, attributeType) in attributeTypes)
                {
                    if (!attributes.TryGetValue(name, out var attribute))
                    {
                        throw new CtyEncodeMismatchException(value.Type, type);
                    }

                    writer.WriteString(name);
                    EncodeStep(ref writer, attribute, attributeType, CtyPathStep.ForAttribute(name));
                }

                return;
            }

            default:
                throw new CtyEncodeMismatchException(value.Type, type);
        }
    }

    /// <summary>
    /// go-cty marshal.go: an int64 as a compact int; a non-integer that is exactly a float64
    /// as float64; anything else as its exact decimal text; infinities as float64 ±Inf.
    /// </summary>
    private static void WriteNumber(ref MsgpackWriter writer, CtyNumber number)
    {
        if (number.IsInfinity)
        {
            writer.WriteDouble(number.Sign > 0 ? double.PositiveInfinity : double.NegativeInfinity);
        }
        else if (number.TryGetInt64(out var integer))
        {
            writer.WriteInt64(integer);
        }
        else if (!number.IsInteger && number.TryGetExactDouble(out var real))
        {
            writer.WriteDouble(real);
        }
        else
        {
            writer.WriteString(number.ToString());
        }
    }

    // Paths are only built when encoding fails: each level adds its step on the way out.
    private static void EncodeStep(ref MsgpackWriter writer, CtyValue value, CtyType type, CtyPathStep step)
    {
        try
        {
            EncodeValue(ref writer, value, type);
        }
        catch (CtyEncodeMismatchException ex)
        {
            ex.ReversedSteps.Add(step);
            throw;
        }
    }
}
