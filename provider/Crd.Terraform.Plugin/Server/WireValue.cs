namespace Crd.Terraform.Plugin.Server;

/// <summary>
/// A <c>DynamicValue</c> as it came off the wire: msgpack if present, else JSON, else null.
/// Terraform always sends msgpack; JSON is accepted for completeness (object-wire-format.md).
/// </summary>
/// <param name="Msgpack">The msgpack bytes, possibly empty.</param>
/// <param name="Json">The JSON bytes, possibly empty.</param>
internal readonly record struct WireValue(ReadOnlyMemory<byte> Msgpack, ReadOnlyMemory<byte> Json)
{
    public static WireValue FromMsgpack(byte[] bytes) => new(bytes, ReadOnlyMemory<byte>.Empty);
}
