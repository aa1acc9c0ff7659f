namespace Crd.Terraform.Plugin.Cty.Json;

/// <summary>
/// Encodes and decodes cty values in the JSON form of <c>DynamicValue.json</c> and
/// <c>RawState.json</c> (docs/plugin-protocol/object-wire-format.md, go-cty cty/json).
/// </summary>
public static class CtyJsonCodec
{
    /// <summary>Encodes a wholly known value as compact JSON, as go-cty writes it.</summary>
    public static byte[] Encode(CtyValue value, CtyType type) => throw new NotImplementedException();

    /// <summary>Decodes JSON as a value of <paramref name="type"/>.</summary>
    public static CtyValue Decode(ReadOnlySpan<byte> utf8Json, CtyType type) => throw new NotImplementedException();

    /// <summary>Decodes JSON, ignoring object attributes that the type does not declare.</summary>
    public static CtyValue DecodeIgnoringUndefinedAttributes(ReadOnlySpan<byte> utf8Json, CtyType type) =>
        throw new NotImplementedException();
}
