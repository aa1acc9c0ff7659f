using System.Globalization;
using System.Text.Json;

namespace Crd.Terraform.Plugin.Logging;

/// <summary>
/// Structured provider logger writing hclog JSON lines to stderr, the format go-plugin's client
/// re-emits at the line's own level in Terraform's log (keys <c>@level</c>, <c>@message</c>,
/// <c>@timestamp</c>, <c>@module</c>, then the fields). Nothing is ever written to stdout: that
/// stream belongs to the plugin handshake.
/// </summary>
/// <remarks>
/// The level comes from <c>TF_LOG_PROVIDER</c>, else <c>TF_LOG</c> (TRACE, DEBUG, INFO, WARN,
/// ERROR, OFF; JSON means TRACE); when neither is set nothing is written, as with
/// terraform-plugin-log. Values wrapped in <see cref="SensitiveValue"/>, and values of fields
/// whose key was registered with <see cref="AddSensitiveKey"/>, are written as
/// <c>(sensitive)</c>. All members are thread-safe.
/// </remarks>
public sealed class PluginLogger
{
    // Go reference layout "2006-01-02T15:04:05.000000Z07:00"; we always log in UTC, where Go
    // prints the zone as "Z". A different layout makes go-plugin's parser drop the line to Debug.
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private static readonly Lazy<PluginLogger> s_instance = new(CreateFromEnvironment);

    private readonly Stream _output;
    private readonly string _module;
    private readonly Lock _writeLock = new();
    private readonly HashSet<string> _sensitiveKeys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _keysLock = new();

    internal PluginLogger(Stream output, PluginLogLevel level, string module)
    {
        _output = output;
        Level = level;
        _module = module;
    }

    /// <summary>The process-wide logger, configured from the environment on first use.</summary>
    public static PluginLogger Instance => s_instance.Value;

    /// <summary>The least severe level that is written.</summary>
    public PluginLogLevel Level { get; }

    /// <summary>Whether a line at <paramref name="level"/> would be written.</summary>
    public bool IsEnabled(PluginLogLevel level) => level != PluginLogLevel.Off && level >= Level;

    /// <summary>
    /// Registers a field key whose value is never written (compared case-insensitively), for
    /// fields such as <c>token</c> or <c>password</c> logged from many places.
    /// </summary>
    public void AddSensitiveKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_keysLock)
        {
            _sensitiveKeys.Add(key);
        }
    }

    /// <summary>Wraps <paramref name="value"/> so that it is logged as <c>(sensitive)</c>.</summary>
    public static SensitiveValue Sensitive(object? value) => new(value);

    /// <summary>Writes a TRACE line.</summary>
    public void Trace(string message, params (string Key, object? Value)[] fields) => Write(PluginLogLevel.Trace, message, fields);

    /// <summary>Writes a DEBUG line.</summary>
    public void Debug(string message, params (string Key, object? Value)[] fields) => Write(PluginLogLevel.Debug, message, fields);

    /// <summary>Writes an INFO line.</summary>
    public void Info(string message, params (string Key, object? Value)[] fields) => Write(PluginLogLevel.Info, message, fields);

    /// <summary>Writes a WARN line.</summary>
    public void Warn(string message, params (string Key, object? Value)[] fields) => Write(PluginLogLevel.Warn, message, fields);

    /// <summary>Writes an ERROR line.</summary>
    public void Error(string message, params (string Key, object? Value)[] fields) => Write(PluginLogLevel.Error, message, fields);

    /// <summary>Writes one line at <paramref name="level"/> if that level is enabled.</summary>
    public void Write(PluginLogLevel level, string message, params (string Key, object? Value)[] fields)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var line = Format(level, message, fields, DateTimeOffset.UtcNow);
        lock (_writeLock)
        {
            try
            {
                _output.Write(line);
                _output.Flush();
            }
            catch (IOException)
            {
                // The reader of stderr went away (Terraform exited): logging must never crash the provider.
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    internal byte[] Format(PluginLogLevel level, string message, (string Key, object? Value)[] fields, DateTimeOffset now)
    {
        using var buffer = new MemoryStream(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("@level", LevelName(level));
            json.WriteString("@message", message);
            json.WriteString("@module", _module);
            json.WriteString("@timestamp", now.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture));
            foreach (var (key, value) in fields)
            {
                if (string.IsNullOrEmpty(key) || key[0] == '@')
                {
                    continue; // reserved by hclog; never let a field overwrite the line's own keys
                }

                json.WritePropertyName(key);
                WriteValue(json, IsSensitiveKey(key) ? new SensitiveValue(value) : value);
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    internal static PluginLogLevel ParseLevel(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return PluginLogLevel.Off;
        }

        return value.Trim().ToUpperInvariant() switch
        {
            "TRACE" or "JSON" => PluginLogLevel.Trace,
            "DEBUG" => PluginLogLevel.Debug,
            "INFO" => PluginLogLevel.Info,
            "WARN" => PluginLogLevel.Warn,
            "ERROR" => PluginLogLevel.Error,
            "OFF" => PluginLogLevel.Off,
            // Terraform treats any other non-empty TF_LOG as TRACE; do the same.
            _ => PluginLogLevel.Trace,
        };
    }

    internal static PluginLogLevel LevelFromEnvironment()
    {
        var provider = Environment.GetEnvironmentVariable("TF_LOG_PROVIDER");
        return ParseLevel(string.IsNullOrWhiteSpace(provider) ? Environment.GetEnvironmentVariable("TF_LOG") : provider);
    }

    private static PluginLogger CreateFromEnvironment() =>
        new(Console.OpenStandardError(), LevelFromEnvironment(), "provider");

    private bool IsSensitiveKey(string key)
    {
        lock (_keysLock)
        {
            return _sensitiveKeys.Count > 0 && _sensitiveKeys.Contains(key);
        }
    }

    private static string LevelName(PluginLogLevel level) => level switch
    {
        PluginLogLevel.Trace => "trace",
        PluginLogLevel.Debug => "debug",
        PluginLogLevel.Info => "info",
        PluginLogLevel.Warn => "warn",
        _ => "error",
    };

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case SensitiveValue:
                json.WriteStringValue(SensitiveValue.Placeholder);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case TimeSpan t:
                json.WriteStringValue(t.ToString("c", CultureInfo.InvariantCulture));
                break;
            case IFormattable f:
                json.WriteStringValue(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
