using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crd.Simulator.State;

public sealed partial class SimStore
{
    private const string SnapshotFile = "snapshot.json";

    /// <summary>
    /// Writes a snapshot of the whole state and drops the journal segments it covers. The journal
    /// rotates under the lock, so the snapshot and the first segment after it meet exactly.
    /// </summary>
    public async Task SnapshotAsync()
    {
        if (Interlocked.Exchange(ref _snapshotRunning, 1) == 1)
        {
            return;
        }
        try
        {
            byte[] bytes;
            Task rotated;
            int first;
            lock (_gate)
            {
                first = _journal.Segment + 1;
                bytes = SerializeAll(first);
                rotated = _journal.RotateAsync();
                _recordsSinceSnapshot = 0;
            }
            await rotated.ConfigureAwait(false);
            var temporary = Path.Combine(_directory, SnapshotFile + ".tmp");
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await stream.WriteAsync(bytes).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path.Combine(_directory, SnapshotFile), overwrite: true);
            foreach (var segment in Journal.ListSegments(_directory).Where(s => s < first))
            {
                File.Delete(Journal.SegmentPath(_directory, segment));
            }
        }
        finally
        {
            Volatile.Write(ref _snapshotRunning, 0);
        }
    }

    /// <summary>The whole state as JSON: <c>{collection: {id: object}}</c>.</summary>
    public JsonObject Dump()
    {
        lock (_gate)
        {
            var root = new JsonObject();
            foreach (var (type, collection) in _collections.OrderBy(c => Registry.NameOf(c.Key), StringComparer.Ordinal))
            {
                var items = new JsonObject();
                foreach (var (id, entity) in collection)
                {
                    items[id] = JsonSerializer.SerializeToNode(entity, type, JsonOptions);
                }
                root[Registry.NameOf(type)] = items;
            }
            return root;
        }
    }

    private void MaybeSnapshot()
    {
        if (Volatile.Read(ref _recordsSinceSnapshot) >= _snapshotEvery && Volatile.Read(ref _snapshotRunning) == 0)
        {
            _ = Task.Run(SnapshotAsync);
        }
    }

    private byte[] SerializeAll(int firstSegment)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("firstSegment", firstSegment);
            writer.WriteStartArray("entities");
            foreach (var (type, collection) in _collections)
            {
                var name = Registry.NameOf(type);
                foreach (var entity in collection.Values)
                {
                    writer.WriteStartObject();
                    writer.WriteString("c", name);
                    writer.WritePropertyName("d");
                    JsonSerializer.Serialize(writer, entity, type, JsonOptions);
                    writer.WriteEndObject();
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private int LoadSnapshot()
    {
        var path = Path.Combine(_directory, SnapshotFile);
        if (!File.Exists(path))
        {
            return 0;
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var item in document.RootElement.GetProperty("entities").EnumerateArray())
        {
            var type = Registry.TypeOf(item.GetProperty("c").GetString() ?? "");
            if (type is not null && item.GetProperty("d").Deserialize(type, JsonOptions) is Entity entity)
            {
                Load(entity);
            }
        }
        return document.RootElement.GetProperty("firstSegment").GetInt32();
    }

    private void Replay(string path)
    {
        var lines = File.ReadAllBytes(path).AsSpan();
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf((byte)'\n');
            if (end < 0)
            {
                // A line without its newline was being written when the process died; it was
                // never acknowledged (the fsync that acknowledges it covers the newline too).
                return;
            }
            ApplyRecord(lines[..end]);
            lines = lines[(end + 1)..];
        }
    }

    private void ApplyRecord(ReadOnlySpan<byte> line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray());
        }
        catch (JsonException)
        {
            Console.Error.WriteLine("crd-sim: skipping a corrupt journal record: " + Encoding.UTF8.GetString(line[..Math.Min(80, line.Length)]));
            return;
        }
        using (document)
        {
            foreach (var op in document.RootElement.GetProperty("ops").EnumerateArray())
            {
                if (op.TryGetProperty("clear", out _))
                {
                    ClearAll();
                    continue;
                }
                var type = Registry.TypeOf(op.GetProperty("c").GetString() ?? "");
                if (type is null)
                {
                    continue;
                }
                var id = op.GetProperty("id").GetString() ?? "";
                if (op.TryGetProperty("del", out _))
                {
                    if (CollectionOf(type).Remove(id, out var gone))
                    {
                        UnindexDue(gone);
                    }
                }
                else if (op.GetProperty("d").Deserialize(type, JsonOptions) is Entity entity)
                {
                    Load(entity);
                }
            }
        }
    }

    private void Load(Entity entity)
    {
        CollectionOf(entity.GetType())[entity.Id] = entity;
        IndexDue(entity);
    }
}
