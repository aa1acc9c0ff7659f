using System.Globalization;
using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Server.Consistency;

public static partial class ApplyConsistency
{
    // compatible.go assertValueCompatible: is one attribute's applied value a completion of its
    // planned value? Messages quote values in Go syntax on purpose: they go to provider developers.
    private static void CheckValue(CtyValue planned, CtyValue actual, CtyPath path, List<ConsistencyError> errors)
    {
        if (planned.Type.IsDynamic)
        {
            // Anything goes.
            return;
        }

        if (!CtyTypeChecks.Conforms(actual.Type, planned.Type))
        {
            errors.Add(new ConsistencyError(path, $"wrong final value type: {CtyTypeChecks.MismatchMessage(actual.Type, planned.Type)}"));
            return;
        }

        if (!planned.IsKnown)
        {
            // Unknown at plan time: the result need only fit the placeholder's type and refinements.
            if (CtyValueChecks.DefinitelyExcludes(planned, actual))
            {
                errors.Add(new ConsistencyError(
                    path,
                    $"final value {CtyGoSyntax.Value(actual)} does not conform to planning placeholder {CtyGoSyntax.Value(planned)}"));
            }

            return;
        }

        if (actual.IsNull)
        {
            if (!planned.IsNull)
            {
                errors.Add(new ConsistencyError(path, $"was {CtyGoSyntax.Value(planned)}, but now null"));
            }

            return;
        }

        if (planned.IsNull)
        {
            errors.Add(new ConsistencyError(path, $"was null, but now {CtyGoSyntax.Value(actual)}"));
            return;
        }

        if (!actual.IsKnown)
        {
            errors.Add(new ConsistencyError(path, "was known, but now unknown"));
            return;
        }

        switch (planned.Type.Kind)
        {
            case CtyTypeKind.String or CtyTypeKind.Number or CtyTypeKind.Bool:
                if (CtyValueChecks.Equals(actual, planned) != true)
                {
                    errors.Add(new ConsistencyError(path, $"was {CtyGoSyntax.Value(planned)}, but now {CtyGoSyntax.Value(actual)}"));
                }

                return;
            case CtyTypeKind.List or CtyTypeKind.Tuple:
                var plannedElements = planned.Elements;
                var actualElements = actual.Elements;
                for (var i = 0; i < plannedElements.Count; i++)
                {
                    if (i >= actualElements.Count)
                    {
                        errors.Add(new ConsistencyError(path, $"element {i.ToString(CultureInfo.InvariantCulture)} has vanished"));
                        continue;
                    }

                    CheckValue(plannedElements[i], actualElements[i], path.Index(i), errors);
                }

                for (var i = plannedElements.Count; i < actualElements.Count; i++)
                {
                    errors.Add(new ConsistencyError(path, $"new element {i.ToString(CultureInfo.InvariantCulture)} has appeared"));
                }

                return;
            case CtyTypeKind.Map:
                var plannedEntries = planned.MapEntries;
                var actualEntries = actual.MapEntries;
                foreach (var (key, plannedElement) in plannedEntries)
                {
                    if (!actualEntries.TryGetValue(key, out var actualElement))
                    {
                        errors.Add(new ConsistencyError(path, $"element {CtyGoSyntax.Quote(key)} has vanished"));
                        continue;
                    }

                    CheckValue(plannedElement, actualElement, path.Key(key), errors);
                }

                foreach (var key in actualEntries.Keys.Where(k => !plannedEntries.ContainsKey(k)))
                {
                    errors.Add(new ConsistencyError(path, $"new element {CtyGoSyntax.Quote(key)} has appeared"));
                }

                return;
            case CtyTypeKind.Object:
                // The types conform, so both have the same attributes.
                foreach (var (name, plannedAttribute) in planned.Attributes)
                {
                    CheckValue(plannedAttribute, actual.GetAttribute(name), path.Attribute(name), errors);
                }

                return;
            case CtyTypeKind.Set:
                // Changing an unknown element to a known one changes its identity, so elements
                // are correlated loosely: each must match some element of the other set.
                errors.AddRange(CorrelateSets(planned, actual, path, (p, a) =>
                {
                    var elementErrors = new List<ConsistencyError>();
                    CheckValue(p, a, path, elementErrors);
                    return elementErrors.Count == 0;
                }));

                // Unknown elements that turn out equal coalesce, so a set may shrink, never grow.
                if (planned.Length < actual.Length)
                {
                    errors.Add(new ConsistencyError(path, $"length changed from {planned.Length} to {actual.Length}"));
                }

                return;
        }
    }

    // compatible.go assertSetValuesCompatible: every planned element must correlate with some
    // actual element and vice versa; the element counts may differ.
    private static List<ConsistencyError> CorrelateSets(
        CtyValue planned, CtyValue actual, CtyPath path, Func<CtyValue, CtyValue, bool> correlates)
    {
        var plannedElements = planned.Elements;
        var actualElements = actual.Elements;
        var plannedMatched = new bool[plannedElements.Count];
        var actualMatched = new bool[actualElements.Count];
        for (var p = 0; p < plannedElements.Count; p++)
        {
            for (var a = 0; a < actualElements.Count; a++)
            {
                // The best possible is that each element correlates with some other one, so a
                // pair already matched both ways needs no further test.
                if (plannedMatched[p] && actualMatched[a])
                {
                    continue;
                }

                if (correlates(plannedElements[p], actualElements[a]))
                {
                    plannedMatched[p] = true;
                    actualMatched[a] = true;
                }
            }
        }

        var errors = new List<ConsistencyError>();
        for (var p = 0; p < plannedElements.Count; p++)
        {
            if (!plannedMatched[p])
            {
                errors.Add(new ConsistencyError(
                    path,
                    $"planned set element {CtyGoSyntax.Value(plannedElements[p])} does not correlate with any element in actual"));
            }
        }

        // Stop here: the other direction would mostly repeat the same mismatches.
        if (errors.Count > 0)
        {
            return errors;
        }

        for (var a = 0; a < actualElements.Count; a++)
        {
            if (!actualMatched[a])
            {
                errors.Add(new ConsistencyError(
                    path,
                    $"actual set element {CtyGoSyntax.Value(actualElements[a])} does not correlate with any element in plan"));
            }
        }

        return errors;
    }
}
