using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Server;

/// <summary>Finds and clears unknown values, which must not survive into state.</summary>
internal static class UnknownPaths
{
    public static IEnumerable<CtyPath> Find(CtyValue value, CtyPath path)
    {
        if (!value.IsKnown)
        {
            yield return path;
            yield break;
        }

        if (value.IsNull)
        {
            yield break;
        }

        switch (value.Type.Kind)
        {
            case CtyTypeKind.Object:
                foreach (var (name, v) in value.Attributes)
                {
                    foreach (var p in Find(v, path.Attribute(name)))
                    {
                        yield return p;
                    }
                }

                break;
            case CtyTypeKind.Map:
                foreach (var (key, v) in value.MapEntries)
                {
                    foreach (var p in Find(v, path.Key(key)))
                    {
                        yield return p;
                    }
                }

                break;
            case CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Tuple:
                for (var i = 0; i < value.Length; i++)
                {
                    foreach (var p in Find(value.Elements[i], value.Type.Kind == CtyTypeKind.Set ? path : path.Index(i)))
                    {
                        yield return p;
                    }
                }

                break;
        }
    }

    public static CtyValue ReplaceWithNull(CtyValue value)
    {
        if (!value.IsKnown)
        {
            return CtyValue.Null(value.Type);
        }

        if (value.IsNull || value.IsWhollyKnown)
        {
            return value;
        }

        return value.Type.Kind switch
        {
            CtyTypeKind.Object => CtyValue.Object(value.Type, value.Attributes.ToDictionary(kv => kv.Key, kv => ReplaceWithNull(kv.Value), StringComparer.Ordinal)),
            CtyTypeKind.Map => CtyValue.Map(value.Type.ElementType, value.MapEntries.Select(kv => KeyValuePair.Create(kv.Key, ReplaceWithNull(kv.Value)))),
            CtyTypeKind.List => CtyValue.List(value.Type.ElementType, value.Elements.Select(ReplaceWithNull)),
            CtyTypeKind.Set => CtyValue.Set(value.Type.ElementType, value.Elements.Select(ReplaceWithNull)),
            CtyTypeKind.Tuple => CtyValue.Tuple(value.Elements.Select(ReplaceWithNull)),
            _ => value,
        };
    }
}
