namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// Thrown when bytes that should hold a cty type or value (msgpack, JSON or type JSON) are
/// malformed or do not match the expected type. The message names the offset, the byte seen
/// and the type that was expected, so corrupt wire data can be diagnosed from a log line.
/// </summary>
public sealed class CtyFormatException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public CtyFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public CtyFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
