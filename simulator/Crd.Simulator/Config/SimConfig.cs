using System.Text.Json;
using System.Text.Json.Serialization;
using Crd.Simulator.Faults;

namespace Crd.Simulator.Config;

/// <summary>
/// The simulator's configuration file (<c>crd-sim.json</c> in the data directory, written on the
/// first <c>crd-sim up</c>). Command-line flags override the timing fields for one run.
/// </summary>
public sealed class SimConfig
{
    /// <summary>Serialisation options of the file (camelCase, indented, enums as strings).</summary>
    public static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Seed of every derived id, secret and fault decision: same seed, same credentials.</summary>
    public string Seed { get; set; } = "crd-sim";

    /// <summary>Keystone token lifetime in seconds (short values let tests prove re-authentication).</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Seconds a server spends in BUILD (simulated clock).</summary>
    public double BuildSeconds { get; set; } = 5;

    /// <summary>Seconds of other server transitions (stop, start, resize, rebuild).</summary>
    public double ActionSeconds { get; set; } = 2;

    /// <summary>Seconds of deletions (server, volume) before the object is gone.</summary>
    public double DeleteSeconds { get; set; } = 1;

    /// <summary>Seconds of volume transitions (creating, attaching, detaching, extending...).</summary>
    public double VolumeSeconds { get; set; } = 2;

    /// <summary>When true every asynchronous delay is skipped (the next request sees the end state).</summary>
    public bool Instant { get; set; }

    /// <summary>Journal records between two snapshots.</summary>
    public int SnapshotEvery { get; set; } = 20_000;

    /// <summary>The federation's sites.</summary>
    public List<SiteConfig> Sites { get; set; } = [];

    /// <summary>Fault rules active from start-up.</summary>
    public List<FaultRule> Faults { get; set; } = [];

    /// <summary>Settings of modules outside the core (portal, onezone...), by module name.</summary>
    public Dictionary<string, JsonElement> Modules { get; set; } = [];

    /// <summary>The site called <paramref name="name"/>, or null.</summary>
    public SiteConfig? Site(string name) => Sites.FirstOrDefault(s => s.Name == name);

    /// <summary>Reads a configuration file.</summary>
    public static SimConfig Load(string path) =>
        JsonSerializer.Deserialize<SimConfig>(File.ReadAllText(path), FileOptions)
        ?? throw new InvalidDataException($"{path} is empty");

    /// <summary>Writes this configuration to <paramref name="path"/>.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, FileOptions) + "\n");
}
