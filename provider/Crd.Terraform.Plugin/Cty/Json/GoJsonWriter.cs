using System.Buffers;
using System.Text;

namespace Crd.Terraform.Plugin.Cty.Json;

/// <summary>
/// A minimal compact JSON writer whose output matches Go's <c>encoding/json</c> byte for byte
/// (which is what go-cty and Terraform write): no whitespace, HTML-sensitive characters
/// escaped as <c>\u003c</c>, <c>\u003e</c>, <c>\u0026</c>, U+2028/U+2029 escaped, other non-ASCII
/// characters written raw as UTF-8, lowercase hex. System.Text.Json escapes differently.
/// </summary>
internal sealed class GoJsonWriter
{
    private static readonly byte[] s_hex = "0123456789abcdef"u8.ToArray();

    private readonly ArrayBufferWriter<byte> _buffer;

    public GoJsonWriter(ArrayBufferWriter<byte>? buffer = null)
    {
        _buffer = buffer ?? new ArrayBufferWriter<byte>(256);
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public override string ToString() => Encoding.UTF8.GetString(_buffer.WrittenSpan);

    public void WriteRaw(ReadOnlySpan<byte> utf8) => _buffer.Write(utf8);

    public void WriteRaw(byte b)
    {
        var span = _buffer.GetSpan(1);
        span[0] = b;
        _buffer.Advance(1);
    }

    public void WriteAscii(string ascii)
    {
        var span = _buffer.GetSpan(ascii.Length);
        for (var i = 0; i < ascii.Length; i++)
        {
            span[i] = (byte)ascii[i];
        }

        _buffer.Advance(ascii.Length);
    }

    public void WriteString(string value)
    {
        WriteRaw((byte)'"');
        var runStart = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => null,
            };
            var needsUnicodeEscape = escape is null
                && (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029');
            var loneSurrogate = char.IsSurrogate(c)
                && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]));
            if (escape is null && !needsUnicodeEscape && !loneSurrogate)
            {
                if (char.IsHighSurrogate(c))
                {
                    i++;
                }

                continue;
            }

            WriteUtf8(value.AsSpan(runStart, i - runStart));
            if (escape is not null)
            {
                WriteAscii(escape);
            }
            else if (loneSurrogate)
            {
                // Go replaces invalid UTF-8 with U+FFFD; a lone surrogate is our equivalent.
                WriteAscii("\\ufffd");
            }
            else
            {
                WriteAscii("\\u");
                WriteRaw(s_hex[(c >> 12) & 0xF]);
                WriteRaw(s_hex[(c >> 8) & 0xF]);
                WriteRaw(s_hex[(c >> 4) & 0xF]);
                WriteRaw(s_hex[c & 0xF]);
            }

            runStart = i + 1;
        }

        WriteUtf8(value.AsSpan(runStart));
        WriteRaw((byte)'"');
    }

    private void WriteUtf8(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty)
        {
            return;
        }

        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(chars.Length));
        var written = Encoding.UTF8.GetBytes(chars, span);
        _buffer.Advance(written);
    }
}
