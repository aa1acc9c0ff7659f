using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>
/// Terraform's checks of the new state returned by ApplyResourceChange. The SDK runs them on its
/// own answer so that a provider bug surfaces as a diagnostic naming the attribute, instead of
/// Terraform's "Provider produced inconsistent result after apply".
/// </summary>
/// <remarks>
/// Implements, in Terraform's order, the checks of hashicorp/terraform v1.15.9
/// internal/terraform/node_resource_abstract_instance.go <c>apply</c>: type conformance with
/// the schema, write-only attributes returned null, "all values must be known after apply", then
/// (only when those pass) internal/plans/objchange/compatible.go <c>AssertObjectCompatible</c>:
/// every known planned value must be returned unchanged, and an unknown planned value may become
/// any value of its type that honours its refinements (not null, string prefix, number bounds,
/// collection length bounds).
/// </remarks>
public static partial class ApplyConsistency
{
    /// <summary>
    /// Checks the applied state <paramref name="actual"/> against the planned state
    /// <paramref name="planned"/> (null for a destroy). Returns no errors for a consistent result.
    /// </summary>
    /// <param name="schema">The resource schema's root block.</param>
    /// <param name="planned">The planned new state Terraform sent to ApplyResourceChange.</param>
    /// <param name="actual">The new state the provider is about to return.</param>
    public static IReadOnlyList<ConsistencyError> Check(Block schema, CtyValue planned, CtyValue actual)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(actual);

        var errors = new List<ConsistencyError>();
        if (!actual.IsNull)
        {
            // A result that does not conform to the schema cannot be saved at all.
            CtyTypeChecks.TestConformance(actual.Type, schema.ImpliedType(), CtyPath.Root, errors);
            if (errors.Count > 0)
            {
                return errors;
            }
        }

        foreach (var path in WriteOnlyAttributes.NonNullPaths(schema, actual))
        {
            errors.Add(new ConsistencyError(path, "returned a value for a write-only attribute after apply; write-only attributes cannot be read back"));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        errors.AddRange(WhollyKnownCheck(actual));

        // Terraform compares with the plan only when nothing else is wrong: the other errors
        // usually explain the mismatch.
        if (errors.Count == 0)
        {
            errors.AddRange(CheckCompatible(schema, planned, actual));
        }

        return errors;
    }

    /// <summary>
    /// "All values must be known after apply": one error per unknown value left anywhere in
    /// <paramref name="actual"/> (elements of sets are reported at the set).
    /// </summary>
    public static IReadOnlyList<ConsistencyError> WhollyKnownCheck(CtyValue actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var errors = new List<ConsistencyError>();
        FindUnknowns(actual, CtyPath.Root, errors);
        return errors;
    }

    /// <summary>
    /// <c>AssertObjectCompatible</c> alone: is <paramref name="actual"/> a valid completion of the
    /// possibly partly unknown <paramref name="planned"/>? Values must conform to the schema.
    /// </summary>
    public static IReadOnlyList<ConsistencyError> CheckCompatible(Block schema, CtyValue planned, CtyValue actual)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(actual);
        var errors = new List<ConsistencyError>();
        CheckObject(schema, planned, actual, CtyPath.Root, errors);
        return errors;
    }

    private static void FindUnknowns(CtyValue value, CtyPath path, List<ConsistencyError> errors)
    {
        if (!value.IsKnown)
        {
            errors.Add(new ConsistencyError(path, "the provider still indicated an unknown value after apply; all values must be known after apply"));
            return;
        }

        if (value.IsNull)
        {
            return;
        }

        switch (value.Type.Kind)
        {
            case CtyTypeKind.Object:
                foreach (var (name, attribute) in value.Attributes)
                {
                    FindUnknowns(attribute, path.Attribute(name), errors);
                }

                break;
            case CtyTypeKind.Map:
                foreach (var (key, element) in value.MapEntries)
                {
                    FindUnknowns(element, path.Key(key), errors);
                }

                break;
            case CtyTypeKind.List or CtyTypeKind.Tuple:
                for (var i = 0; i < value.Length; i++)
                {
                    FindUnknowns(value.Elements[i], path.Index(i), errors);
                }

                break;
            case CtyTypeKind.Set:
                foreach (var element in value.Elements)
                {
                    FindUnknowns(element, path, errors);
                }

                break;
        }
    }

    private static void CheckObject(Block schema, CtyValue planned, CtyValue actual, CtyPath path, List<ConsistencyError> errors)
    {
        var atRoot = path.IsRoot ? "Root object " : "";
        if (planned.IsNull && !actual.IsNull)
        {
            errors.Add(new ConsistencyError(path, $"{atRoot}was absent, but now present"));
            return;
        }

        if (actual.IsNull && !planned.IsNull)
        {
            errors.Add(new ConsistencyError(path, $"{atRoot}was present, but now absent"));
            return;
        }

        if (planned.IsNull)
        {
            return;
        }

        var type = schema.ImpliedType();
        foreach (var attribute in schema.Attributes)
        {
            var attributeType = type.AttributeTypes[attribute.Name];
            var attributePath = path.Attribute(attribute.Name);
            var attributeErrors = new List<ConsistencyError>();
            CheckValue(
                BlockValues.AttributeOrEmpty(planned, attribute.Name, attributeType),
                BlockValues.AttributeOrEmpty(actual, attribute.Name, attributeType),
                attributePath,
                attributeErrors);
            if (attribute.Sensitive && attributeErrors.Count > 0)
            {
                // A vague placeholder: the details would disclose the sensitive value.
                errors.Add(new ConsistencyError(attributePath, "inconsistent values for sensitive attribute"));
            }
            else
            {
                errors.AddRange(attributeErrors);
            }
        }

        foreach (var nested in schema.Blocks)
        {
            var blockType = type.AttributeTypes[nested.TypeName];
            CheckNestedBlock(
                nested,
                BlockValues.AttributeOrEmpty(planned, nested.TypeName, blockType),
                BlockValues.AttributeOrEmpty(actual, nested.TypeName, blockType),
                path.Attribute(nested.TypeName),
                errors);
        }
    }

    private static void CheckNestedBlock(NestedBlock nested, CtyValue planned, CtyValue actual, CtyPath path, List<ConsistencyError> errors)
    {
        switch (nested.Nesting)
        {
            case NestingMode.Single or NestingMode.Group:
                // An unknown block placeholder may have expanded to no block at all.
                if (!planned.IsKnown && actual.IsNull)
                {
                    return;
                }

                CheckObject(nested.Block, planned, actual, path, errors);
                return;
            case NestingMode.List:
                if (!planned.IsKnownAndNotNull || !actual.IsKnownAndNotNull)
                {
                    return;
                }

                // A list, or a tuple when the block holds a dynamic attribute.
                var plannedBlocks = BlockValues.Elements(planned);
                var actualBlocks = BlockValues.Elements(actual);
                if (plannedBlocks.Count != actualBlocks.Count)
                {
                    errors.Add(new ConsistencyError(path, $"block count changed from {plannedBlocks.Count} to {actualBlocks.Count}"));
                    return;
                }

                for (var i = 0; i < plannedBlocks.Count; i++)
                {
                    CheckObject(nested.Block, plannedBlocks[i], actualBlocks[i], path.Index(i), errors);
                }

                return;
            case NestingMode.Map:
                CheckMapBlock(nested, planned, actual, path, errors);
                return;
            case NestingMode.Set:
                if (!planned.IsKnownAndNotNull || !actual.IsKnownAndNotNull)
                {
                    return;
                }

                errors.AddRange(CorrelateSets(planned, actual, path, (p, a) =>
                {
                    var elementErrors = new List<ConsistencyError>();
                    CheckObject(nested.Block, p, a, path, elementErrors);
                    return elementErrors.Count == 0;
                }));

                // Unknown elements that turn out equal coalesce, so a set may shrink, never grow.
                if (planned.Length < actual.Length)
                {
                    errors.Add(new ConsistencyError(path, $"block set length changed from {planned.Length} to {actual.Length}"));
                }

                return;
        }
    }

    private static void CheckMapBlock(NestedBlock nested, CtyValue planned, CtyValue actual, CtyPath path, List<ConsistencyError> errors)
    {
        if (planned.Type.IsObject)
        {
            // A map block with dynamic content is an object; its keys are in its type, which
            // is known even when the value is not.
            var plannedKeys = planned.Type.AttributeTypes;
            var actualKeys = actual.Type.IsObject ? actual.Type.AttributeTypes : new Dictionary<string, CtyType>();
            foreach (var (key, keyType) in plannedKeys)
            {
                if (!actualKeys.TryGetValue(key, out var actualKeyType))
                {
                    errors.Add(new ConsistencyError(path, $"block key {CtyGoSyntax.Quote(key)} has vanished"));
                    continue;
                }

                CheckObject(
                    nested.Block,
                    BlockValues.AttributeOrEmpty(planned, key, keyType),
                    BlockValues.AttributeOrEmpty(actual, key, actualKeyType),
                    path.Key(key),
                    errors);
            }

            // New blocks may appear where the plan had an unknown placeholder.
            if (planned.IsKnown)
            {
                foreach (var key in actualKeys.Keys.Where(k => !plannedKeys.ContainsKey(k)))
                {
                    errors.Add(new ConsistencyError(path, $"new block key {CtyGoSyntax.Quote(key)} has appeared"));
                }
            }

            return;
        }

        if (!planned.IsKnownAndNotNull || !actual.IsKnownAndNotNull)
        {
            return;
        }

        var plannedEntries = BlockValues.Entries(planned);
        var actualEntries = BlockValues.Entries(actual);
        if (plannedEntries.Count != actualEntries.Count)
        {
            errors.Add(new ConsistencyError(path, $"block count changed from {plannedEntries.Count} to {actualEntries.Count}"));
            return;
        }

        foreach (var (key, plannedElement) in plannedEntries)
        {
            if (actualEntries.TryGetValue(key, out var actualElement))
            {
                CheckObject(nested.Block, plannedElement, actualElement, path.Key(key), errors);
            }
        }
    }
}
