using System.Collections.Concurrent;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Server.Consistency;
using Crd.Terraform.Testing.Configuration;
using Crd.Terraform.Testing.Protocol;

namespace Crd.Terraform.Testing;

public sealed partial class TerraformHarness
{
    private async Task ApplyWalkAsync(ProviderSession session, TerraformConfiguration config, TerraformPlan plan, CancellationToken cancellationToken)
    {
        var errors = new ConcurrentBag<HarnessDiagnostic>();
        var warnings = new ConcurrentBag<HarnessDiagnostic>();
        var values = new ConcurrentDictionary<string, CtyValue>(StringComparer.Ordinal);
        var configured = config.Resources.ToDictionary(r => r.Address, StringComparer.Ordinal);

        // Destroys first, dependents before what they depend on (Terraform reverses the edges).
        var deletes = plan.Changes.Values.Where(c => c.Action == ChangeAction.Delete).Select(c => c.Address).ToList();
        IEnumerable<string> Dependents(string address)
            => deletes.Where(other => (State.Get(other)?.Dependencies ?? []).Contains(address));

        var failures = new List<Exception>(await GraphWalker.WalkAsync(deletes, Dependents, options.Parallelism, (address, ct) => DeleteAsync(session, plan.Changes[address], errors, ct), cancellationToken).ConfigureAwait(false));

        var nodes = plan.Changes.Values.Where(c => c.Action != ChangeAction.Delete).Select(c => c.Address).ToList();
        foreach (var change in plan.Changes.Values.Where(c => c.Action == ChangeAction.NoOp))
        {
            values[change.Address] = change.Planned;
        }

        async Task Visit(string address, CancellationToken ct)
        {
            var change = plan.Changes[address];
            var resource = configured[address];
            if (change.Action == ChangeAction.NoOp)
            {
                return;
            }

            if (resource.IsData)
            {
                await ReadDataAtApplyAsync(session, resource, values, errors, ct).ConfigureAwait(false);
                return;
            }

            await ApplyManagedAsync(session, resource, change, values, errors, warnings, ct).ConfigureAwait(false);
        }

        failures.AddRange(await GraphWalker.WalkAsync(nodes, a => configured.TryGetValue(a, out var r) ? DependenciesOf(r) : [], options.Parallelism, Visit, cancellationToken).ConfigureAwait(false));
        LastWarnings = warnings.ToList();
        Rethrow(failures, errors);
    }

    private async Task DeleteAsync(ProviderSession session, PlannedChange change, ConcurrentBag<HarnessDiagnostic> errors, CancellationToken cancellationToken)
    {
        var nullValue = CtyValue.Null(change.Prior.Type);
        var result = await session.Client.ApplyResourceChangeAsync(change.Type, change.Prior, nullValue, nullValue, change.PlannedPrivate, cancellationToken).ConfigureAwait(false);
        if (result.Diagnostics.Any(d => d.IsError))
        {
            foreach (var d in result.Diagnostics)
            {
                errors.Add(d);
            }

            throw new TerraformCommandException($"Destroying {change.Address}", result.Diagnostics);
        }

        if (!result.State.IsNull)
        {
            throw new TerraformRuleViolationException("Provider returned invalid result object after apply", $"{change.Address}: destroying should always produce a null value, got {result.State}.");
        }

        State.Remove(change.Address);
    }

    private async Task ApplyManagedAsync(ProviderSession session, ResourceConfig resource, PlannedChange change, ConcurrentDictionary<string, CtyValue> values, ConcurrentBag<HarnessDiagnostic> errors, ConcurrentBag<HarnessDiagnostic> warnings, CancellationToken cancellationToken)
    {
        var block = session.Schemas.Resources[resource.Type].Block;
        var nullValue = CtyValue.Null(block.ImpliedType());
        var prior = change.Prior;
        var priorPrivate = State.Get(resource.Address)?.Private ?? [];

        if (change.Action == ChangeAction.Replace && !prior.IsNull)
        {
            await DeleteAsync(session, change with { Prior = prior, PlannedPrivate = priorPrivate }, errors, cancellationToken).ConfigureAwait(false);
            prior = nullValue;
        }

        // The apply-time plan: configuration now has the values of applied dependencies.
        var configValue = ConfigDecoder.DecodeBody(block, resource.Body, Resolver(values, resource.Address), resource.Address);
        var diagnostics = new List<HarnessDiagnostic>();
        var final = await PlanOnceAsync(session, resource.Address, resource.Type, block, prior, configValue, prior.IsNull ? [] : priorPrivate, diagnostics, cancellationToken).ConfigureAwait(false);
        if (final is null)
        {
            Collect(diagnostics, errors, warnings);
            throw new TerraformCommandException($"Planning {resource.Address} at apply", diagnostics);
        }

        var drift = ApplyConsistency.CheckCompatible(block, change.Planned, final.PlannedState);
        if (drift.Count > 0)
        {
            throw new TerraformRuleViolationException("Provider produced inconsistent final plan", $"{resource.Address}: " + string.Join("; ", drift.Select(d => $"{d.Path}: {d.Message}")));
        }

        var result = await session.Client.ApplyResourceChangeAsync(resource.Type, prior, final.PlannedState, configValue, final.PlannedPrivate, cancellationToken).ConfigureAwait(false);
        diagnostics.AddRange(result.Diagnostics);
        Collect(diagnostics, errors, warnings);
        var dependencies = DependenciesOf(resource).ToList();
        var failed = result.Diagnostics.Any(d => d.IsError);

        if (!result.State.IsNull)
        {
            RequireWhollyKnown(result.State, resource.Address);
            if (!failed)
            {
                var inconsistencies = ApplyConsistency.Check(block, final.PlannedState, result.State);
                if (inconsistencies.Count > 0)
                {
                    throw new TerraformRuleViolationException("Provider produced inconsistent result after apply", $"{resource.Address}: " + string.Join("; ", inconsistencies.Select(d => $"{d.Path}: {d.Message}")));
                }
            }

            // A create that failed but returned an object: Terraform keeps it, tainted.
            Store(session, resource.Address, resource.Type, result.State, result.Private, failed && prior.IsNull, dependencies);
            values[resource.Address] = result.State;
        }
        else if (!failed)
        {
            throw new TerraformRuleViolationException("Provider returned invalid result object after apply", $"{resource.Address}: the result is null, but the plan was not a destroy.");
        }

        if (failed)
        {
            throw new TerraformCommandException($"Applying {resource.Address}", result.Diagnostics);
        }
    }

    private static async Task ReadDataAtApplyAsync(ProviderSession session, ResourceConfig resource, ConcurrentDictionary<string, CtyValue> values, ConcurrentBag<HarnessDiagnostic> errors, CancellationToken cancellationToken)
    {
        var block = session.Schemas.DataSources[resource.Type].Block;
        var configValue = ConfigDecoder.DecodeBody(block, resource.Body, Resolver(values, resource.Address), resource.Address);
        var read = await session.Client.ReadDataSourceAsync(resource.Type, configValue, cancellationToken).ConfigureAwait(false);
        if (read.Diagnostics.Any(d => d.IsError))
        {
            foreach (var d in read.Diagnostics)
            {
                errors.Add(d);
            }

            throw new TerraformCommandException($"Reading {resource.Address}", read.Diagnostics);
        }

        RequireWhollyKnown(read.State, resource.Address);
        values[resource.Address] = read.State;
    }

    private static void Collect(IEnumerable<HarnessDiagnostic> diagnostics, ConcurrentBag<HarnessDiagnostic> errors, ConcurrentBag<HarnessDiagnostic> warnings)
    {
        foreach (var d in diagnostics)
        {
            (d.IsError ? errors : warnings).Add(d);
        }
    }
}
