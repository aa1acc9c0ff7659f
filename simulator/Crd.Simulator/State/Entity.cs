namespace Crd.Simulator.State;

/// <summary>
/// Base of every object the simulator keeps. Entities are plain mutable classes serialised with
/// System.Text.Json into the journal; a subclass carries <see cref="SimCollectionAttribute"/>.
/// </summary>
/// <remarks>
/// Mutate entities only inside <see cref="SimStore.ExecuteAsync{T}"/> and call
/// <see cref="StoreTransaction.Put"/> afterwards, otherwise the change is not journaled and is lost
/// on restart. <see cref="DueAt"/> schedules the collection's settler (an asynchronous state
/// transition such as BUILD -> ACTIVE) on the simulated clock.
/// </remarks>
public abstract class Entity
{
    /// <summary>Unique id inside the collection.</summary>
    public string Id { get; set; } = "";

    /// <summary>Site the object lives on; empty for federation-wide objects.</summary>
    public string Site { get; set; } = "";

    /// <summary>Owning (OpenStack) project id; empty for public objects.</summary>
    public string ProjectId { get; set; } = "";

    /// <summary>When the next asynchronous transition is due (simulated clock); null when idle.</summary>
    public DateTimeOffset? DueAt { get; set; }
}
