using Crd.Simulator.Compute;
using Crd.Simulator.State;

namespace Crd.Simulator.Tests.State;

public sealed class SimStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crd-sim-store-" + Guid.NewGuid().ToString("N")[..10]);

    private SimStore Open()
    {
        var registry = new EntityRegistry();
        registry.Register<Flavor>();
        return SimStore.Open(_directory, registry, new SimClock(TimeProvider.System));
    }

    [Fact]
    public async Task ConcurrentWriters_AreGroupCommitted_FewerFsyncsThanRecords()
    {
        using var store = Open();

        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
            store.ExecuteAsync(tx => tx.Put(new Flavor { Id = "f" + i, Site = "s", Name = "n" + i })))));

        Assert.Equal(400, store.RecordCount);
        Assert.True(store.SyncCount < store.RecordCount, $"{store.SyncCount} fsyncs for {store.RecordCount} records");
    }

    [Fact]
    public async Task Reopen_ReplaysJournal_AndIgnoresTornTail()
    {
        using (var store = Open())
        {
            await store.ExecuteAsync(tx => tx.Put(new Flavor { Id = "a", Site = "s", Name = "kept", Vcpus = 3 }));
            await store.ExecuteAsync(tx => tx.Put(new Flavor { Id = "b", Site = "s", Name = "deleted" }));
            await store.ExecuteAsync(tx => tx.Delete(tx.Find<Flavor>("b")!));
        }
        var last = Journal.ListSegments(_directory)[^1];
        await File.AppendAllTextAsync(Journal.SegmentPath(_directory, last), "{\"ops\":[{\"c\":\"compute.flav");

        using var reopened = Open();

        var flavors = await reopened.ExecuteAsync(tx => tx.All<Flavor>().ToList());
        var flavor = Assert.Single(flavors);
        Assert.Equal("kept", flavor.Name);
        Assert.Equal(3, flavor.Vcpus);
    }

    [Fact]
    public async Task Snapshot_TruncatesJournal_AndReopenSeesEverything()
    {
        using (var store = Open())
        {
            await store.ExecuteAsync(tx => tx.Put(new Flavor { Id = "a", Site = "s", Name = "one" }));
            await store.SnapshotAsync();
            await store.ExecuteAsync(tx => tx.Put(new Flavor { Id = "b", Site = "s", Name = "two" }));
        }

        using var reopened = Open();

        Assert.Equal(["one", "two"], (await reopened.ExecuteAsync(tx => tx.All<Flavor>().Select(f => f.Name).Order().ToList())));
        Assert.DoesNotContain(1, Journal.ListSegments(_directory));
    }

    [Fact]
    public async Task DueEntity_IsSettledOnNextTransaction()
    {
        var time = new ManualTime();
        var registry = new EntityRegistry();
        registry.Register<Flavor>();
        using var store = SimStore.Open(_directory, registry, new SimClock(time));
        store.OnDue<Flavor>((flavor, tx) =>
        {
            flavor.Name = "settled";
            flavor.DueAt = null;
            tx.Put(flavor);
        });
        await store.ExecuteAsync(tx => tx.Put(new Flavor { Id = "a", Site = "s", Name = "pending", DueAt = tx.Now.AddSeconds(10) }));

        Assert.Equal("pending", await store.ExecuteAsync(tx => tx.Find<Flavor>("a")!.Name));
        time.Now = time.Now.AddSeconds(11);
        Assert.Equal("settled", await store.ExecuteAsync(tx => tx.Find<Flavor>("a")!.Name));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
