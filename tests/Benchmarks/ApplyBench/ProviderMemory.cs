using System.Collections.Concurrent;
using System.Globalization;
using Crd.Terraform.Testing.Transport;

namespace Crd.Benchmarks.ApplyBench;

/// <summary>
/// Peak resident memory of the provider processes the harness launches (one per command, as
/// Terraform does): <c>VmHWM</c> from <c>/proc/&lt;pid&gt;/status</c>, read just before each
/// process is shut down, so it covers the whole life of the process; with it the CPU time the
/// process used (user + system, from <c>/proc/&lt;pid&gt;/stat</c>).
/// </summary>
internal sealed class ProviderMemory
{
    private readonly ConcurrentQueue<(string Phase, int Pid, long PeakKib, double CpuSeconds)> _samples = new();

    /// <summary>The phase the next processes belong to (apply, refresh, destroy).</summary>
    public string Phase { get; set; } = "";

    /// <summary>The harness's ProviderStopping hook.</summary>
    public void OnStopping(PluginProcess process)
    {
        if (ReadKib(process.ProcessId, "VmHWM") is { } peak)
        {
            _samples.Enqueue((Phase, process.ProcessId, peak, ReadCpuSeconds(process.ProcessId)));
        }
    }

    /// <summary>Every sample so far.</summary>
    public IReadOnlyList<(string Phase, int Pid, long PeakKib, double CpuSeconds)> Samples => [.. _samples];

    /// <summary>CPU seconds of every provider process of <paramref name="phase"/>.</summary>
    public double CpuSeconds(string phase) => _samples.Where(s => s.Phase == phase).Sum(s => s.CpuSeconds);

    /// <summary>User + system time of a process in seconds (clock ticks of 10 ms), 0 when unreadable.</summary>
    public static double ReadCpuSeconds(int pid)
    {
        try
        {
            // Fields 14 and 15 (after the parenthesised command) are utime and stime.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

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
