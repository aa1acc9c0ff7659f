namespace Crd.Terraform.Plugin.Cty.Msgpack;

/// <summary>The outcome of a <see cref="MsgpackPrimitives"/> read.</summary>
public enum MsgpackDecodeResult
{
    /// <summary>The token was read.</summary>
    Success,

    /// <summary>The next token is of another kind than requested.</summary>
    TokenMismatch,

    /// <summary>The buffer is empty.</summary>
    EmptyBuffer,

    /// <summary>The token is cut short by the end of the buffer.</summary>
    InsufficientBuffer,

    /// <summary>The token is of the right kind but its value does not fit the requested type.</summary>
    OutOfRange,
}
