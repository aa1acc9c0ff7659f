using Crd.Terraform.Testing.Protocol;

namespace Crd.Terraform.Testing;

/// <summary>The outcome of a plan: changes by address, plus warnings.</summary>
public sealed class TerraformPlan
{
    /// <summary>Every resource's change, including no-ops.</summary>
    public required IReadOnlyDictionary<string, PlannedChange> Changes { get; init; }

    /// <summary>Warnings gathered while planning.</summary>
    public required IReadOnlyList<HarnessDiagnostic> Diagnostics { get; init; }

    /// <summary>True when nothing would change ("No changes. Your infrastructure matches the configuration.").</summary>
    public bool IsEmpty => Changes.Values.All(c => c.Action is ChangeAction.NoOp or ChangeAction.Read);

    /// <summary>The changes that do something.</summary>
    public IEnumerable<PlannedChange> Effective => Changes.Values.Where(c => c.Action is not (ChangeAction.NoOp or ChangeAction.Read));

    /// <summary>The action for one address.</summary>
    public ChangeAction ActionOf(string address) => Changes[address].Action;

    /// <inheritdoc />
    public override string ToString() => string.Join("\n", Effective.Select(c => $"{c.Address}: {c.Action}"));
}
