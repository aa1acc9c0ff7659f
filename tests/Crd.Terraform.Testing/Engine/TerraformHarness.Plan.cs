using System.Collections.Concurrent;
using System.Text;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Json;
using Crd.Terraform.Plugin.Server.Consistency;
using Crd.Terraform.Testing.Configuration;
using Crd.Terraform.Testing.Protocol;

namespace Crd.Terraform.Testing;

public sealed partial class TerraformHarness
{
    private async Task<TerraformPlan> PlanWalkAsync(ProviderSession session, TerraformConfiguration config, bool refresh, bool destroy, CancellationToken cancellationToken)
    {
        var changes = new ConcurrentDictionary<string, PlannedChange>(StringComparer.Ordinal);
        var values = new ConcurrentDictionary<string, CtyValue>(StringComparer.Ordinal);
        var warnings = new ConcurrentBag<HarnessDiagnostic>(session.ProviderDiagnostics.Where(d => !d.IsError));
        var errors = new ConcurrentBag<HarnessDiagnostic>();
        var configured = config.Resources.ToDictionary(r => r.Address, StringComparer.Ordinal);
        var nodes = configured.Keys.Union(State.Instances.Keys).ToList();

        IEnumerable<string> Dependencies(string address)
            => configured.TryGetValue(address, out var r) ? DependenciesOf(r) : State.Get(address)?.Dependencies ?? [];

        async Task Visit(string address, CancellationToken ct)
        {
            configured.TryGetValue(address, out var resource);
            var diagnostics = resource is { IsData: true }
                ? await PlanDataSourceAsync(session, resource, values, changes, ct).ConfigureAwait(false)
                : await PlanManagedAsync(session, address, destroy ? null : resource, refresh, values, changes, ct).ConfigureAwait(false);
            foreach (var d in diagnostics)
            {
                (d.IsError ? errors : warnings).Add(d);
            }

            if (diagnostics.Any(d => d.IsError))
            {
                throw new TerraformCommandException($"Planning {address}", diagnostics);
            }
        }

        var failures = await GraphWalker.WalkAsync(nodes, Dependencies, options.Parallelism, Visit, cancellationToken).ConfigureAwait(false);
        Rethrow(failures, errors);
        LastWarnings = warnings.ToList();
        return new TerraformPlan { Changes = changes, Diagnostics = LastWarnings };
    }

    private async Task<IReadOnlyList<HarnessDiagnostic>> PlanManagedAsync(ProviderSession session, string address, ResourceConfig? resource, bool refresh, ConcurrentDictionary<string, CtyValue> values, ConcurrentDictionary<string, PlannedChange> changes, CancellationToken cancellationToken)
    {
        var type = resource?.Type ?? State.Get(address)!.Type;
        var schema = session.Schemas.Resources.TryGetValue(type, out var s) ? s : throw new ConfigurationException($"{address}: The provider does not support resource type \"{type}\".");
        var block = schema.Block;
        var nullValue = CtyValue.Null(block.ImpliedType());
        var diagnostics = new List<HarnessDiagnostic>();

        var prior = nullValue;
        var priorPrivate = Array.Empty<byte>();
        var tainted = false;
        if (State.Get(address) is { } instance)
        {
            tainted = instance.Tainted;
            (prior, priorPrivate) = refresh
                ? await ReadInstanceAsync(session, address, instance, cancellationToken).ConfigureAwait(false)
                : (await UpgradeInstanceAsync(session, address, instance, cancellationToken).ConfigureAwait(false), instance.Private);
        }

        if (resource is null)
        {
            // Orphan or destroy: with plan_destroy, the provider plans the destroy (must stay null).
            values[address] = prior;
            if (prior.IsNull)
            {
                return diagnostics;
            }

            var destroyPrivate = priorPrivate;
            if (session.Schemas.PlanDestroy)
            {
                var destroyPlan = await session.Client.PlanResourceChangeAsync(type, prior, nullValue, nullValue, priorPrivate, cancellationToken).ConfigureAwait(false);
                diagnostics.AddRange(destroyPlan.Diagnostics);
                if (!destroyPlan.PlannedState.IsNull && !diagnostics.Any(d => d.IsError))
                {
                    throw new TerraformRuleViolationException("Provider produced invalid plan", $"{address}: a destroy plan must be null, got {destroyPlan.PlannedState}.");
                }

                destroyPrivate = destroyPlan.PlannedPrivate;
            }

            changes[address] = new PlannedChange(address, type, ChangeAction.Delete, prior, nullValue, destroyPrivate, []);
            return diagnostics;
        }

        var configValue = ConfigDecoder.DecodeBody(block, resource.Body, Resolver(values, address), address);
        diagnostics.AddRange(await session.Client.ValidateResourceConfigAsync(type, configValue, cancellationToken).ConfigureAwait(false));
        if (diagnostics.Any(d => d.IsError))
        {
            return diagnostics;
        }

        var planPrior = tainted ? nullValue : prior;
        var plan = await PlanOnceAsync(session, address, type, block, planPrior, configValue, tainted ? [] : priorPrivate, diagnostics, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return diagnostics;
        }

        var action = planPrior.IsNull ? (prior.IsNull ? ChangeAction.Create : ChangeAction.Replace) : ChangeAction.Update;
        var replacePaths = planPrior.IsNull ? [] : RequiresReplacePaths.Evaluate(planPrior, plan.PlannedState, plan.RequiresReplace);
        if (replacePaths.Count > 0)
        {
            // Terraform plans the replacement as a create: a second PlanResourceChange with a null prior.
            action = ChangeAction.Replace;
            plan = await PlanOnceAsync(session, address, type, block, nullValue, configValue, [], diagnostics, cancellationToken).ConfigureAwait(false);
            if (plan is null)
            {
                return diagnostics;
            }
        }
        else if (action == ChangeAction.Update && plan.PlannedState.Equals(prior))
        {
            action = ChangeAction.NoOp;
        }

        values[address] = plan.PlannedState;
        changes[address] = new PlannedChange(address, type, action, prior, plan.PlannedState, plan.PlannedPrivate, replacePaths);
        return diagnostics;
    }

    private static async Task<PlanResponse?> PlanOnceAsync(ProviderSession session, string address, string type, Crd.Terraform.Plugin.Schema.Block block, CtyValue prior, CtyValue config, byte[] priorPrivate, List<HarnessDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var proposed = ProposedNewState.Compute(block, prior, config);
        var plan = await session.Client.PlanResourceChangeAsync(type, prior, proposed, config, priorPrivate, cancellationToken).ConfigureAwait(false);
        diagnostics.AddRange(plan.Diagnostics);
        if (plan.Diagnostics.Any(d => d.IsError))
        {
            return null;
        }

        // Terraform's own check (objchange.AssertPlanValid); the SDK checks too, but a provider
        // is judged by what Terraform does.
        var problems = PlanValidity.Check(block, prior, config, plan.PlannedState);
        if (problems.Count > 0)
        {
            throw new TerraformRuleViolationException("Provider produced invalid plan", $"{address}: " + string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}")));
        }

        return plan;
    }

    private static async Task<IReadOnlyList<HarnessDiagnostic>> PlanDataSourceAsync(ProviderSession session, ResourceConfig resource, ConcurrentDictionary<string, CtyValue> values, ConcurrentDictionary<string, PlannedChange> changes, CancellationToken cancellationToken)
    {
        var schema = session.Schemas.DataSources.TryGetValue(resource.Type, out var s) ? s : throw new ConfigurationException($"{resource.Address}: The provider does not support data source \"{resource.Type}\".");
        var configValue = ConfigDecoder.DecodeBody(schema.Block, resource.Body, Resolver(values, resource.Address), resource.Address);
        var diagnostics = new List<HarnessDiagnostic>(await session.Client.ValidateDataResourceConfigAsync(resource.Type, configValue, cancellationToken).ConfigureAwait(false));
        if (diagnostics.Any(d => d.IsError))
        {
            return diagnostics;
        }

        if (!configValue.IsWhollyKnown)
        {
            // Deferred to apply, as Terraform does ("(known after apply)").
            var planned = ProposedNewState.PlannedDataSource(schema.Block, configValue);
            values[resource.Address] = planned;
            changes[resource.Address] = new PlannedChange(resource.Address, resource.Type, ChangeAction.Read, CtyValue.Null(planned.Type), planned, [], []);
            return diagnostics;
        }

        var read = await session.Client.ReadDataSourceAsync(resource.Type, configValue, cancellationToken).ConfigureAwait(false);
        diagnostics.AddRange(read.Diagnostics);
        if (!read.Diagnostics.Any(d => d.IsError))
        {
            RequireWhollyKnown(read.State, resource.Address);
            values[resource.Address] = read.State;
            changes[resource.Address] = new PlannedChange(resource.Address, resource.Type, ChangeAction.NoOp, read.State, read.State, [], []);
        }

        return diagnostics;
    }

    private async Task<CtyValue> UpgradeInstanceAsync(ProviderSession session, string address, StateInstance instance, CancellationToken cancellationToken)
    {
        var current = session.Schemas.Resources[instance.Type].Version;
        if (instance.SchemaVersion > current)
        {
            throw new TerraformCommandException("Upgrade", [new HarnessDiagnostic(true, "Resource instance managed by newer provider version", $"{address} was written with schema version {instance.SchemaVersion}, newer than {current}.", null)]);
        }

        var upgraded = await session.Client.UpgradeResourceStateAsync(instance.Type, instance.SchemaVersion, instance.AttributesJson, cancellationToken).ConfigureAwait(false);
        Fail($"Upgrading {address}", upgraded.Diagnostics);
        if (upgraded.State.IsNull)
        {
            throw new TerraformRuleViolationException("upgrade produced null", $"{address}: UpgradeResourceState returned a null state.");
        }

        return upgraded.State;
    }

    private async Task<(CtyValue Value, byte[] Private)> ReadInstanceAsync(ProviderSession session, string address, StateInstance instance, CancellationToken cancellationToken)
    {
        var upgraded = await UpgradeInstanceAsync(session, address, instance, cancellationToken).ConfigureAwait(false);
        var read = await session.Client.ReadResourceAsync(instance.Type, upgraded, instance.Private, cancellationToken).ConfigureAwait(false);
        Fail($"Refreshing {address}", read.Diagnostics);
        RequireWhollyKnown(read.State, $"{address} after refresh");
        return (read.State, read.Private);
    }

    private static void Rethrow(IReadOnlyList<Exception> failures, IEnumerable<HarnessDiagnostic> errors)
    {
        var violation = failures.OfType<TerraformRuleViolationException>().FirstOrDefault();
        if (violation is not null)
        {
            throw violation;
        }

        var other = failures.FirstOrDefault(f => f is not TerraformCommandException);
        if (other is not null)
        {
            throw other;
        }

        var diagnostics = failures.OfType<TerraformCommandException>().SelectMany(f => f.Diagnostics).Concat(errors).Distinct().ToList();
        if (diagnostics.Count > 0 || failures.Count > 0)
        {
            throw new TerraformCommandException("Terraform reported errors", diagnostics);
        }
    }
}
