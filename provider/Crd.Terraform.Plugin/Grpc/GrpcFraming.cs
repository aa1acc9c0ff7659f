using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Crd.Terraform.Plugin.Grpc;

/// <summary>
/// gRPC length-prefixed message framing (grpc/grpc doc/PROTOCOL-HTTP2.md "Length-Prefixed-Message"):
/// one byte compressed flag, four bytes big-endian length, the protobuf bytes. DATA-frame
/// boundaries are unrelated to message boundaries, so reads accumulate across pipe reads.
/// </summary>
internal static class GrpcFraming
{
    /// <summary>Size of the message prefix.</summary>
    public const int HeaderSize = 5;

    /// <summary>
    /// Largest message accepted or sent: 256 MiB, the limit terraform-plugin-go configures
    /// (Terraform itself asks for 64 MiB on GetProviderSchema and go-plugin's client allows MaxInt32).
    /// </summary>
    public const int MaxMessageSize = 256 << 20;

    /// <summary>
    /// Reads one message. Returns <c>null</c> when the request stream ended cleanly before a
    /// message began; throws <see cref="GrpcStatusException"/> for compressed, oversized,
    /// truncated or undecodable messages.
    /// </summary>
    public static async ValueTask<T?> ReadMessageAsync<T>(PipeReader reader, MessageParser<T> parser, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= HeaderSize)
            {
                var length = ReadHeader(buffer);
                if (buffer.Length >= HeaderSize + length)
                {
                    // Fast path: the whole message is buffered (the usual case for small messages).
                    var payload = buffer.Slice(HeaderSize, length);
                    var message = Parse(parser, payload);
                    reader.AdvanceTo(payload.End);
                    return message;
                }

                // A large message: copy it out as it arrives so the pipe, and with it HTTP/2
                // flow control, keeps moving instead of holding the whole message unconsumed.
                reader.AdvanceTo(buffer.GetPosition(HeaderSize));
                var bytes = await ReadExactlyAsync(reader, length, cancellationToken).ConfigureAwait(false);
                return Parse(parser, new ReadOnlySequence<byte>(bytes));
            }

            if (result.IsCompleted)
            {
                if (buffer.IsEmpty)
                {
                    reader.AdvanceTo(buffer.End);
                    return default;
                }

                throw new GrpcStatusException(GrpcStatusCodes.Internal, "request stream ended inside a message prefix");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Frames <paramref name="message"/> into <paramref name="writer"/> and flushes it.</summary>
    public static async ValueTask WriteMessageAsync(PipeWriter writer, IMessage message, CancellationToken cancellationToken)
    {
        var size = message.CalculateSize();
        if (size > MaxMessageSize)
        {
            throw new GrpcStatusException(
                GrpcStatusCodes.ResourceExhausted,
                $"response message of {size} bytes exceeds the {MaxMessageSize} byte limit");
        }

        var header = writer.GetSpan(HeaderSize);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
        writer.Advance(HeaderSize);
        message.WriteTo(writer);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the five-byte prefix for a message of <paramref name="length"/> bytes.</summary>
    public static void WriteHeader(Span<byte> destination, int length)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    private static int ReadHeader(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        if (header[0] != 0)
        {
            // We advertise no grpc-accept-encoding, so a conforming client never compresses.
            throw new GrpcStatusException(
                GrpcStatusCodes.Unimplemented,
                "compressed gRPC messages are not supported by this provider; send uncompressed messages");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > MaxMessageSize)
        {
            throw new GrpcStatusException(
                GrpcStatusCodes.ResourceExhausted,
                $"request message of {length} bytes exceeds the {MaxMessageSize} byte limit");
        }

        return (int)length;
    }

    private static async ValueTask<byte[]> ReadExactlyAsync(PipeReader reader, int length, CancellationToken cancellationToken)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        var filled = 0;
        while (filled < length)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var take = (int)Math.Min(buffer.Length, length - filled);
            buffer.Slice(0, take).CopyTo(bytes.AsSpan(filled));
            filled += take;
            reader.AdvanceTo(buffer.GetPosition(take));
            if (filled < length && result.IsCompleted)
            {
                throw new GrpcStatusException(
                    GrpcStatusCodes.Internal,
                    $"request stream ended after {filled} of {length} message bytes");
            }
        }

        return bytes;
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new GrpcStatusException(GrpcStatusCodes.Internal, "cannot decode request message: " + ex.Message);
        }
    }
}
