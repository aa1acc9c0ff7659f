namespace Crd.Terraform.Plugin.Cty.Json;

public static partial class CtyJsonCodec
{
    private static void EncodeValue(GoJsonWriter writer, CtyValue value, CtyType type)
    {
        if (!value.IsKnown)
        {
            throw new InvalidOperationException("An unknown value cannot be written as JSON; use msgpack.");
        }

        if (type.IsDynamic && !value.Type.IsDynamic)
        {
            writer.WriteRaw("{\"value\":"u8);
            EncodeValue(writer, value, value.Type);
            writer.WriteRaw(",\"type\":"u8);
            value.Type.WriteJson(writer);
            writer.WriteRaw((byte)'}');
            return;
        }

        if (value.Type.Kind != type.Kind && !value.Type.IsDynamic)
        {
            throw new CtyEncodeMismatchException(value.Type, type);
        }

        if (value.IsNull)
        {
            writer.WriteRaw("null"u8);
            return;
        }

        switch (type.Kind)
        {
            case CtyTypeKind.String:
                writer.WriteString(value.AsString());
                return;
            case CtyTypeKind.Number:
                var number = value.AsNumber();
                if (number.IsInfinity)
                {
                    throw new InvalidOperationException("An infinite number cannot be written as JSON.");
                }

                writer.WriteAscii(number.ToString());
                return;
            case CtyTypeKind.Bool:
                writer.WriteRaw(value.AsBool() ? "true"u8 : "false"u8);
                return;
            case CtyTypeKind.List:
            case CtyTypeKind.Set:
            case CtyTypeKind.Tuple:
            {
                var elements = value.Elements;
                if (type.Kind == CtyTypeKind.Tuple && elements.Count != type.ElementTypes.Count)
                {
                    throw new CtyEncodeMismatchException(value.Type, type);
                }

                writer.WriteRaw((byte)'[');
                for (var i = 0; i < elements.Count; i++)
                {
                    if (i > 0)
                    {
                        writer.WriteRaw((byte)',');
                    }

                    var elementType = type.Kind == CtyTypeKind.Tuple ? type.ElementTypes[i] : type.ElementType;
                    EncodeStep(writer, elements[i], elementType, CtyPathStep.ForIndex(i));
                }

                writer.WriteRaw((byte)']');
                return;
            }

            case CtyTypeKind.Map:
            {
                writer.WriteRaw((byte)'{');
                var first = true;
                foreach (var (key, element) in value.MapEntries)
                {
                    if (!first)
                    {
                        writer.WriteRaw((byte)',');
                    }

                    first = false;
                    writer.WriteString(key);
                    writer.WriteRaw((byte)':');
                    EncodeStep(writer, element, type.ElementType, CtyPathStep.ForKey(key));
                }

                writer.WriteRaw((byte)'}');
                return;
            }

            default:
            {
                var attributes = value.Attributes;
                if (attributes.Count != type.AttributeTypes.Count)
                {
                    throw new CtyEncodeMismatchException(value.Type, type);
                }

                writer.WriteRaw((byte)'{');
                var first = true;
                foreach (var (name, attributeType) in type.AttributeTypes)
                {
                    if (!attributes.TryGetValue(name, out var attribute))
                    {
                        throw new CtyEncodeMismatchException(value.Type, type);
                    }

                    if (!first)
                    {
                        writer.WriteRaw((byte)',');
                    }

                    first = false;
                    writer.WriteString(name);
                    writer.WriteRaw((byte)':');
                    EncodeStep(writer, attribute, attributeType, CtyPathStep.ForAttribute(name));
                }

                writer.WriteRaw((byte)'}');
                return;
            }
        }
    }

    private static void EncodeStep(GoJsonWriter writer, CtyValue value, CtyType type, CtyPathStep step)
    {
        try
        {
            EncodeValue(writer, value, type);
        }
        catch (CtyEncodeMismatchException ex)
        {
            ex.ReversedSteps.Add(step);
            throw;
        }
    }
}
