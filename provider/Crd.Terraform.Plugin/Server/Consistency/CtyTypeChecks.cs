using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>
/// go-cty's type conformance test and mismatch wording, as Terraform uses them to reject a
/// planned or applied object whose type does not match the schema.
/// </summary>
/// <remarks>
/// Facts from zclconf/go-cty v1.18.1: cty/type_conform.go (<c>TestConformance</c>),
/// cty/convert/mismatch_msg.go (<c>MismatchMessage</c>, simplified: it does not consult the
/// conversion rules, which only refine which of several attribute mismatches is named first),
/// and the <c>FriendlyName</c> methods of the type kinds.
/// </remarks>
internal static class CtyTypeChecks
{
    /// <summary>True when <paramref name="given"/> conforms to <paramref name="want"/> (dynamic matches anything).</summary>
    public static bool Conforms(CtyType given, CtyType want)
    {
        var errors = new List<ConsistencyError>();
        TestConformance(given, want, CtyPath.Root, errors);
        return errors.Count == 0;
    }

    /// <summary>
    /// Appends one error per place where <paramref name="given"/> departs from
    /// <paramref name="want"/>. Collection element paths stop at the collection, since a
    /// <see cref="CtyPath"/> cannot name "any element".
    /// </summary>
    public static void TestConformance(CtyType given, CtyType want, CtyPath path, List<ConsistencyError> errors)
    {
        if (want.IsDynamic || given.Equals(want))
        {
            return;
        }

        switch (given.Kind, want.Kind)
        {
            case (CtyTypeKind.Object, CtyTypeKind.Object):
                foreach (var name in given.AttributeTypes.Keys)
                {
                    if (!want.AttributeTypes.ContainsKey(name))
                    {
                        errors.Add(new ConsistencyError(path, $"unsupported attribute {CtyGoSyntax.Quote(name)}"));
                    }
                }

                foreach (var name in want.AttributeTypes.Keys)
                {
                    if (!given.AttributeTypes.ContainsKey(name))
                    {
                        errors.Add(new ConsistencyError(path, $"missing required attribute {CtyGoSyntax.Quote(name)}"));
                    }
                }

                foreach (var (name, wantType) in want.AttributeTypes)
                {
                    if (given.AttributeTypes.TryGetValue(name, out var givenType))
                    {
                        TestConformance(givenType, wantType, path.Attribute(name), errors);
                    }
                }

                return;
            case (CtyTypeKind.Tuple, CtyTypeKind.Tuple):
                if (given.ElementTypes.Count != want.ElementTypes.Count)
                {
                    errors.Add(new ConsistencyError(
                        path, $"{want.ElementTypes.Count} elements are required, but got {given.ElementTypes.Count}"));
                    return;
                }

                for (var i = 0; i < want.ElementTypes.Count; i++)
                {
                    TestConformance(given.ElementTypes[i], want.ElementTypes[i], path.Index(i), errors);
                }

                return;
            case (CtyTypeKind.List, CtyTypeKind.List):
            case (CtyTypeKind.Map, CtyTypeKind.Map):
            case (CtyTypeKind.Set, CtyTypeKind.Set):
                TestConformance(given.ElementType, want.ElementType, path, errors);
                return;
            default:
                errors.Add(new ConsistencyError(
                    path, $"{FriendlyName(want)} required, but received {FriendlyName(given)}"));
                return;
        }
    }

    /// <summary>Why a value of type <paramref name="got"/> cannot stand where <paramref name="want"/> is required.</summary>
    public static string MismatchMessage(CtyType got, CtyType want)
    {
        if (got.IsObject && want.IsObject)
        {
            return ObjectMismatch(got, want);
        }

        if (want.IsCollection && (got.IsObject || got.Kind == CtyTypeKind.Tuple || got.IsCollection))
        {
            var compatibleKinds = want.Kind switch
            {
                CtyTypeKind.Map => got.Kind == CtyTypeKind.Map,
                _ => got.Kind is CtyTypeKind.List or CtyTypeKind.Set,
            };
            if (!got.IsCollection || !compatibleKinds)
            {
                return FriendlyName(want, constraint: true) + " required";
            }

            var noun = want.Kind.ToString().ToLowerInvariant();
            return $"incorrect {noun} element type: {MismatchMessage(got.ElementType, want.ElementType)}";
        }

        return LikelyToConfuse(got, want)
            ? FriendlyName(want, constraint: true) + " required"
            : $"{FriendlyName(want)} required, but have {FriendlyName(got)}";
    }

    /// <summary>go-cty's English name of a type: <c>string</c>, <c>list of number</c>, <c>object</c>.</summary>
    public static string FriendlyName(CtyType type, bool constraint = false) => type.Kind switch
    {
        CtyTypeKind.String => "string",
        CtyTypeKind.Number => "number",
        CtyTypeKind.Bool => "bool",
        CtyTypeKind.Dynamic => constraint ? "any type" : "dynamic",
        CtyTypeKind.List => "list of " + ElementName(type, constraint),
        CtyTypeKind.Set => "set of " + ElementName(type, constraint),
        CtyTypeKind.Map => "map of " + ElementName(type, constraint),
        CtyTypeKind.Tuple => "tuple",
        _ => "object",
    };

    private static string ElementName(CtyType collection, bool constraint) =>
        constraint && collection.ElementType.IsDynamic ? "any single type" : FriendlyName(collection.ElementType, constraint);

    private static string ObjectMismatch(CtyType got, CtyType want)
    {
        var missing = want.AttributeTypes.Keys
            .Where(name => !got.AttributeTypes.ContainsKey(name) && !want.OptionalAttributes.Contains(name))
            .Order(StringComparer.Ordinal)
            .Select(CtyGoSyntax.Quote)
            .ToList();
        switch (missing.Count)
        {
            case 1:
                return $"attribute {missing[0]} is required";
            case 2:
                return $"attributes {missing[0]} and {missing[1]} are required";
            case > 2:
                return $"attributes {string.Join(", ", missing.Take(missing.Count - 1))}, and {missing[^1]} are required";
        }

        foreach (var name in want.AttributeTypes.Keys.Order(StringComparer.Ordinal))
        {
            if (got.AttributeTypes.TryGetValue(name, out var gotType) && !gotType.Equals(want.AttributeTypes[name]))
            {
                return $"attribute {CtyGoSyntax.Quote(name)}: {MismatchMessage(gotType, want.AttributeTypes[name])}";
            }
        }

        return "incorrect object attributes";
    }

    // convert.typesAreLikelyToCauseConfusion: when the two are easy to tell apart, name both.
    private static bool LikelyToConfuse(CtyType got, CtyType want)
    {
        if (got.IsPrimitive != want.IsPrimitive || want.Kind == CtyTypeKind.String)
        {
            return false;
        }

        if ((want.Kind == CtyTypeKind.Bool && got.Kind == CtyTypeKind.Number)
            || (got.Kind == CtyTypeKind.Bool && want.Kind == CtyTypeKind.Number))
        {
            return false;
        }

        if (got.IsCollection && want.IsCollection && !got.ElementType.HasDynamicTypes && want.ElementType.HasDynamicTypes)
        {
            return false;
        }

        return !(got.Kind == CtyTypeKind.Tuple && want.IsObject);
    }
}
