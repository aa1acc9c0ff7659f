using System.Globalization;

namespace Crd.Simulator.State;

/// <summary>
/// Append-only, segmented write-ahead journal with group commit: writers enqueue a record and
/// await its task; one writer thread writes every queued record, calls fsync once, then completes
/// all of them. A record is acknowledged only after fsync, so <c>kill -9</c> never loses it.
/// </summary>
/// <remarks>
/// Records are single lines (JSON, no embedded newline). A new process never appends to an old
/// segment: it starts a fresh one, so a torn tail can only be the last line of a segment.
/// </remarks>
public sealed class Journal : IDisposable
{
    private readonly string _directory;
    private readonly Lock _gate = new();
    private List<Pending> _queue = [];
    private readonly Thread _writer;
    private readonly SemaphoreSlim _signal = new(0);
    private FileStream _stream;
    private volatile bool _stopping;

    /// <summary>Opens a new segment numbered <paramref name="segment"/> in <paramref name="directory"/>.</summary>
    public Journal(string directory, int segment)
    {
        _directory = directory;
        Segment = segment;
        _stream = Open(segment);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "crd-sim journal" };
        _writer.Start();
    }

    /// <summary>Number of the segment currently written.</summary>
    public int Segment { get; private set; }

    /// <summary>Number of fsync calls so far (shows the effect of group commit).</summary>
    public long SyncCount { get; private set; }

    /// <summary>Path of segment <paramref name="segment"/>.</summary>
    public static string SegmentPath(string directory, int segment) =>
        Path.Combine(directory, "journal-" + segment.ToString("D6", CultureInfo.InvariantCulture) + ".log");

    /// <summary>Existing segment numbers in ascending order.</summary>
    public static List<int> ListSegments(string directory) =>
        [.. Directory.EnumerateFiles(directory, "journal-*.log")
            .Select(p => Path.GetFileNameWithoutExtension(p)["journal-".Length..])
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)
            .Order()];

    /// <summary>Queues one record (a line without newline); completes after it is on disk.</summary>
    public Task AppendAsync(byte[] record) => Enqueue(new Pending(record, false));

    /// <summary>Closes the current segment (after syncing it) and opens the next one.</summary>
    public Task RotateAsync() => Enqueue(new Pending(null, true));

    private Task Enqueue(Pending pending)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _queue.Add(pending);
        }
        _signal.Release();
        return pending.Done.Task;
    }

    private FileStream Open(int segment) =>
        new(SegmentPath(_directory, segment), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);

    private void WriteLoop()
    {
        while (true)
        {
            _signal.Wait();
            List<Pending> batch;
            lock (_gate)
            {
                batch = _queue;
                _queue = [];
            }
            if (batch.Count > 0)
            {
                try
                {
                    WriteBatch(batch);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    foreach (var pending in batch)
                    {
                        pending.Done.TrySetException(ex);
                    }
                }
            }
            lock (_gate)
            {
                if (_stopping && _queue.Count == 0)
                {
                    return;
                }
            }
        }
    }

    private void WriteBatch(List<Pending> batch)
    {
        var start = 0;
        for (var i = 0; i <= batch.Count; i++)
        {
            if (i < batch.Count && !batch[i].Rotate)
            {
                _stream.Write(batch[i].Record);
                _stream.WriteByte((byte)'\n');
                continue;
            }
            // Sync everything written so far, then honour a rotation marker if there is one.
            _stream.Flush(flushToDisk: true);
            SyncCount++;
            if (i < batch.Count)
            {
                _stream.Dispose();
                Segment++;
                _stream = Open(Segment);
            }
            for (var j = start; j <= Math.Min(i, batch.Count - 1); j++)
            {
                batch[j].Done.TrySetResult();
            }
            start = i + 1;
        }
    }

    /// <summary>Stops the writer after draining the queue.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
        }
        _signal.Release();
        _writer.Join();
        _stream.Dispose();
        _signal.Dispose();
    }

    private sealed class Pending(byte[]? record, bool rotate)
    {
        public byte[] Record { get; } = record ?? [];
        public bool Rotate { get; } = rotate;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
