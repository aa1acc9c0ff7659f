using System.Collections;
using System.Collections.Concurrent;
using System.Text;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Json;
using Crd.Terraform.Testing.Configuration;
using Crd.Terraform.Testing.Protocol;

namespace Crd.Terraform.Testing;

/// <summary>
/// Plays Terraform against a provider binary: each command (validate, plan, apply, refresh,
/// import, destroy) launches a fresh provider process as Terraform does, walks the resource
/// graph in dependency order with bounded parallelism, and enforces Terraform's rules
/// (internal/plans/objchange, node_resource_abstract_instance.go), throwing
/// <see cref="TerraformRuleViolationException"/> where Terraform would report a provider bug
/// and <see cref="TerraformCommandException"/> where it would print error diagnostics.
/// </summary>
public sealed partial class TerraformHarness(HarnessOptions options)
{
    /// <summary>The state, as Terraform's state file.</summary>
    public TerraformState State { get; } = new();

    /// <summary>Options.</summary>
    public HarnessOptions Options => options;

    /// <summary>Warnings of the last command.</summary>
    public IReadOnlyList<HarnessDiagnostic> LastWarnings { get; private set; } = [];

    /// <summary><c>terraform validate</c>: provider and every block, with unknown references.</summary>
    public async Task<IReadOnlyList<HarnessDiagnostic>> ValidateAsync(TerraformConfiguration config, CancellationToken cancellationToken)
    {
        await using var session = await ProviderSession.StartAsync(options, config.Provider, configure: false, cancellationToken).ConfigureAwait(false);
        var providerConfig = ConfigDecoder.DecodeBody(session.Schemas.Provider.Block, config.Provider, _ => throw new ConfigurationException("no references in provider blocks"), "provider");
        var diagnostics = new List<HarnessDiagnostic>(await session.Client.ValidateProviderConfigAsync(providerConfig, cancellationToken).ConfigureAwait(false));
        foreach (var resource in config.Resources)
        {
            var schema = resource.IsData ? session.Schemas.DataSources[resource.Type] : session.Schemas.Resources[resource.Type];
            var value = ConfigDecoder.DecodeBody(schema.Block, resource.Body, r => CtyValue.Unknown(CtyType.Dynamic), resource.Address);
            diagnostics.AddRange(resource.IsData
                ? await session.Client.ValidateDataResourceConfigAsync(resource.Type, value, cancellationToken).ConfigureAwait(false)
                : await session.Client.ValidateResourceConfigAsync(resource.Type, value, cancellationToken).ConfigureAwait(false));
        }

        return diagnostics;
    }

    /// <summary><c>terraform plan</c> (refreshing first unless told not to).</summary>
    public async Task<TerraformPlan> PlanAsync(TerraformConfiguration config, CancellationToken cancellationToken, bool refresh = true)
    {
        await using var session = await ProviderSession.StartAsync(options, config.Provider, configure: true, cancellationToken).ConfigureAwait(false);
        return await PlanWalkAsync(session, config, refresh, destroy: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>terraform apply -auto-approve</c>: a plan walk, then an apply walk in a new provider process.</summary>
    public async Task<TerraformPlan> ApplyAsync(TerraformConfiguration config, CancellationToken cancellationToken)
    {
        TerraformPlan plan;
        await using (var planSession = await ProviderSession.StartAsync(options, config.Provider, configure: true, cancellationToken).ConfigureAwait(false))
        {
            plan = await PlanWalkAsync(planSession, config, refresh: true, destroy: false, cancellationToken).ConfigureAwait(false);
        }

        await using var applySession = await ProviderSession.StartAsync(options, config.Provider, configure: true, cancellationToken).ConfigureAwait(false);
        await ApplyWalkAsync(applySession, config, plan, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    /// <summary><c>terraform destroy -auto-approve</c>.</summary>
    public async Task<TerraformPlan> DestroyAsync(TerraformConfiguration config, CancellationToken cancellationToken)
    {
        TerraformPlan plan;
        await using (var planSession = await ProviderSession.StartAsync(options, config.Provider, configure: true, cancellationToken).ConfigureAwait(false))
        {
            plan = await PlanWalkAsync(planSession, config, refresh: true, destroy: true, cancellationToken).ConfigureAwait(false);
        }

        await using var applySession = await ProviderSession.StartAsync(options, config.Provider, configure: true, cancellationToken).ConfigureAwait(false);
        await ApplyWalkAsync(applySession, config, plan, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    /// <summary><c>terraform apply -refresh-only</c>: reads every instance and stores what it finds.</summary>
    public async Task RefreshAsync(TerraformConfiguration config, CancellationToken cancellationToken)
    {
        await using var session = await ProviderSession.StartAsync(options, config.Provider, configure: true, cancellationToken).ConfigureAwait(false);
        foreach (var (address, instance) in State.Instances.ToList())
        {
            var (value, @private) = await ReadInstanceAsync(session, address, instance, cancellationToken).ConfigureAwait(false);
            if (value.IsNull)
            {
                State.Remove(address);
            }
            else
            {
                Store(session, address, instance.Type, value, @private, instance.Tainted, instance.Dependencies);
            }
        }
    }

    /// <summary>
    /// <c>terraform import ADDRESS ID</c>: ImportResourceState then ReadResource, stored at
    /// <paramref name="address"/>. Returns the imported state.
    /// </summary>
    public async Task<CtyValue> ImportAsync(TerraformConfiguration config, string address, string id, CancellationToken cancellationToken)
    {
        await using var session = await ProviderSession.StartAsync(options, config.Provider, configure: true, cancellationToken).ConfigureAwait(false);
        var (value, @private) = await ImportWithSessionAsync(session, address, id, cancellationToken).ConfigureAwait(false);
        Store(session, address, TypeOf(address), value, @private, false, []);
        return value;
    }

    /// <summary>
    /// ImportStateVerify: imports <paramref name="id"/> into a scratch state and requires every
    /// attribute to equal the state an apply produced, except <paramref name="ignore"/> (and
    /// write-only attributes, null in both).
    /// </summary>
    public async Task ImportVerifyAsync(TerraformConfiguration config, string address, string id, IReadOnlyCollection<string> ignore, CancellationToken cancellationToken)
    {
        await using var session = await ProviderSession.StartAsync(options, config.Provider, configure: true, cancellationToken).ConfigureAwait(false);
        var (imported, _) = await ImportWithSessionAsync(session, address, id, cancellationToken).ConfigureAwait(false);
        var applied = StateValue(session, address);
        var differences = imported.Attributes
            .Where(kv => !ignore.Contains(kv.Key) && !kv.Value.EqualsIgnoringRefinements(applied.GetAttribute(kv.Key)))
            .Select(kv => $"{kv.Key}: imported {kv.Value}, applied {applied.GetAttribute(kv.Key)}")
            .ToList();
        if (differences.Count > 0)
        {
            throw new TerraformRuleViolationException("ImportStateVerify attributes not equivalent", string.Join("; ", differences));
        }
    }

    /// <summary>Decodes the stored state of <paramref name="address"/> with the provider's schema.</summary>
    public async Task<CtyValue> ReadStateValueAsync(TerraformConfiguration config, string address, CancellationToken cancellationToken)
    {
        await using var session = await ProviderSession.StartAsync(options, config.Provider, configure: false, cancellationToken).ConfigureAwait(false);
        return StateValue(session, address);
    }

    private async Task<(CtyValue Value, byte[] Private)> ImportWithSessionAsync(ProviderSession session, string address, string id, CancellationToken cancellationToken)
    {
        var type = TypeOf(address);
        var (imported, diagnostics) = await session.Client.ImportResourceStateAsync(type, id, cancellationToken).ConfigureAwait(false);
        Fail("Import", diagnostics);
        if (imported.Count != 1)
        {
            throw new TerraformCommandException("Import", [new HarnessDiagnostic(true, "Unexpected import result", $"{imported.Count} objects imported", null)]);
        }

        var read = await session.Client.ReadResourceAsync(type, imported[0].State, imported[0].Private, cancellationToken).ConfigureAwait(false);
        Fail("Import", read.Diagnostics);
        if (read.State.IsNull)
        {
            throw new TerraformCommandException("Import", [new HarnessDiagnostic(true, "Cannot import non-existent remote object", $"While attempting to import an existing object to \"{address}\", the provider detected that no object exists with the given id.", null)]);
        }

        RequireWhollyKnown(read.State, $"{address} read after import");
        return (read.State, read.Private);
    }

    private static string TypeOf(string address) => address.StartsWith("data.", StringComparison.Ordinal) ? address.Split('.')[1] : address.Split('.')[0];

    private CtyValue StateValue(ProviderSession session, string address)
    {
        var instance = State.Get(address) ?? throw new InvalidOperationException($"{address} is not in the state.");
        return CtyJsonCodec.Decode(Encoding.UTF8.GetBytes(instance.AttributesJson), session.ResourceType(instance.Type));
    }

    private void Store(ProviderSession session, string address, string type, CtyValue value, byte[] @private, bool tainted, IReadOnlyList<string> dependencies)
    {
        var json = Encoding.UTF8.GetString(CtyJsonCodec.Encode(value, session.ResourceType(type)));
        State.Set(address, new StateInstance(type, session.Schemas.Resources[type].Version, json, @private, tainted, dependencies));
    }

    private static void Fail(string what, IReadOnlyList<HarnessDiagnostic> diagnostics)
    {
        if (diagnostics.Any(d => d.IsError))
        {
            throw new TerraformCommandException(what, diagnostics);
        }
    }

    private static void RequireWhollyKnown(CtyValue value, string what)
    {
        if (!value.IsWhollyKnown)
        {
            throw new TerraformRuleViolationException("unknown values after apply", $"Provider returned invalid result object: {what} contains unknown values.");
        }
    }

    private static IEnumerable<string> ReferencesOf(object? value) => value switch
    {
        Ref r => [r.Address],
        string => [],
        IDictionary d => d.Values.Cast<object?>().SelectMany(ReferencesOf),
        IEnumerable e => e.Cast<object?>().SelectMany(ReferencesOf),
        _ => [],
    };

    private static IEnumerable<string> DependenciesOf(ResourceConfig resource)
        => resource.Body.Values.SelectMany(ReferencesOf).Concat(resource.DependsOn).Distinct();

    private static Func<Ref, CtyValue> Resolver(ConcurrentDictionary<string, CtyValue> values, string from)
        => r =>
        {
            if (!values.TryGetValue(r.Address, out var target))
            {
                throw new ConfigurationException($"{from}: Reference to undeclared resource \"{r.Address}\".");
            }

            if (!target.IsKnown || target.IsNull)
            {
                return target.IsKnown ? CtyValue.Null(CtyType.Dynamic) : CtyValue.Unknown(target.Type.IsObject && target.Type.AttributeTypes.TryGetValue(r.Attribute, out var t) ? t : CtyType.Dynamic);
            }

            return target.GetAttribute(r.Attribute);
        };
}
