using System.Collections.Concurrent;
using System.Globalization;
using Crd.Terraform.Testing.Transport;

namespace Crd.Benchmarks.ApplyBench;

/// <summary>
/// Peak resident memory of the provider processes the harness launches (one per command, as
/// Terraform does): <c>VmHWM</c> from <c>/proc/&lt;pid&gt;/status</c>, read just before each
/// process is shut down, so it covers the whole life of the process.
/// </summary>
internal sealed class ProviderMemory
{
    private readonly ConcurrentQueue<(string Phase, int Pid, long PeakKib)> _samples = new();

    /// <summary>The phase the next processes belong to (apply, refresh, destroy).</summary>
    public string Phase { get; set; } = "";

    /// <summary>The harness's ProviderStopping hook.</summary>
    public void OnStopping(PluginProcess process)
    {
        if (ReadKib(process.ProcessId, "VmHWM") is { } peak)
        {
            _samples.Enqueue((Phase, process.ProcessId, peak));
        }
    }

    /// <summary>Every sample so far.</summary>
    public IReadOnlyList<(string Phase, int Pid, long PeakKib)> Samples => [.. _samples];

    /// <summary>The largest peak of <paramref name="phase"/> (all phases when null), in KiB.</summary>
    public long PeakKib(string? phase = null) =>
        _samples.Where(s => phase is null || s.Phase == phase).Select(s => s.PeakKib).DefaultIfEmpty(0).Max();

    /// <summary>A <c>kB</c> field of <c>/proc/&lt;pid&gt;/status</c>, or null (no procfs, process gone).</summary>
    public static long? ReadKib(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var value = line[(field.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(value, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
