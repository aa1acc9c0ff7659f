using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>
/// Finds the write-only attributes of an object value, as Terraform's
/// <c>configschema.Block.WriteOnlyPaths</c> (internal/configs/configschema/write_only.go v1.15.9)
/// and <c>ephemeral.ValidateWriteOnlyAttributes</c> (internal/lang/ephemeral/validate.go) do.
/// </summary>
internal static class WriteOnlyAttributes
{
    /// <summary>
    /// The path of every write-only attribute in every block instance present in
    /// <paramref name="value"/>. Elements of set blocks cannot be addressed by a path, so their
    /// attributes are reported at the set (write-only attributes in sets are not supported by
    /// Terraform anyway).
    /// </summary>
    public static IReadOnlyList<(CtyPath Path, CtyValue Value)> Find(Block schema, CtyValue value)
    {
        var found = new List<(CtyPath, CtyValue)>();
        Walk(schema, value, CtyPath.Root, found);
        return found;
    }

    /// <summary>The paths of write-only attributes that hold a non-null value.</summary>
    public static IReadOnlyList<CtyPath> NonNullPaths(Block schema, CtyValue value) =>
        Find(schema, value).Where(f => !f.Value.IsNull).Select(f => f.Path).ToList();

    private static void Walk(Block block, CtyValue value, CtyPath path, List<(CtyPath, CtyValue)> found)
    {
        // A block itself cannot be write-only; nothing to find in a null or unknown one.
        if (!value.IsKnownAndNotNull)
        {
            return;
        }

        foreach (var attribute in block.Attributes)
        {
            if (attribute.WriteOnly)
            {
                found.Add((path.Attribute(attribute.Name), value.GetAttribute(attribute.Name)));
            }
        }

        foreach (var nested in block.Blocks)
        {
            if (!ContainsWriteOnly(nested.Block))
            {
                continue;
            }

            var nestedValue = value.GetAttribute(nested.TypeName);
            if (!nestedValue.IsKnownAndNotNull)
            {
                continue;
            }

            var nestedPath = path.Attribute(nested.TypeName);
            switch (nestedValue.Type.Kind)
            {
                case CtyTypeKind.Object when nested.Nesting is NestingMode.Single or NestingMode.Group:
                    Walk(nested.Block, nestedValue, nestedPath, found);
                    break;
                case CtyTypeKind.List or CtyTypeKind.Tuple:
                    for (var i = 0; i < nestedValue.Length; i++)
                    {
                        Walk(nested.Block, nestedValue.Elements[i], nestedPath.Index(i), found);
                    }

                    break;
                case CtyTypeKind.Set:
                    foreach (var element in nestedValue.Elements)
                    {
                        Walk(nested.Block, element, nestedPath, found);
                    }

                    break;
                case CtyTypeKind.Map or CtyTypeKind.Object:
                    foreach (var (key, element) in BlockValues.Entries(nestedValue))
                    {
                        Walk(nested.Block, element, nestedPath.Key(key), found);
                    }

                    break;
            }
        }
    }

    private static bool ContainsWriteOnly(Block block) =>
        block.Attributes.Any(a => a.WriteOnly) || block.Blocks.Any(b => ContainsWriteOnly(b.Block));
}
