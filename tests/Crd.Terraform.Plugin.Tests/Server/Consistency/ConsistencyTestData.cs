using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Server.Consistency;

namespace Crd.Terraform.Plugin.Tests.Server.Consistency;

/// <summary>Terse builders for the schemas and values of the consistency tests.</summary>
internal static class ConsistencyTestData
{
    public static CtyValue Str(string value) => CtyValue.String(value);

    public static CtyValue Num(long value) => CtyValue.Number(value);

    public static CtyValue NullStr { get; } = CtyValue.Null(CtyType.String);

    public static CtyValue UnknownStr { get; } = CtyValue.Unknown(CtyType.String);

    public static CtyValue UnknownNotNull(CtyType type) => CtyValue.Unknown(type, CtyRefinements.NotNull);

    public static CtyValue Obj(params (string Name, CtyValue Value)[] attributes) =>
        CtyValue.Object(attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)));

    public static CtyValue ListOf(CtyType elementType, params CtyValue[] elements) => CtyValue.List(elementType, elements);

    public static CtyValue SetOf(CtyType elementType, params CtyValue[] elements) => CtyValue.Set(elementType, elements);

    public static CtyValue MapOf(CtyType elementType, params (string Key, CtyValue Value)[] entries) =>
        CtyValue.Map(elementType, entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));

    public static CtyType ObjType(params (string Name, CtyType Type)[] attributes) =>
        CtyType.Object(attributes.ToDictionary(a => a.Name, a => a.Type));

    public static SchemaAttribute Optional(string name, CtyType? type = null) => new(name, type ?? CtyType.String) { Optional = true };

    public static SchemaAttribute Required(string name, CtyType? type = null) => new(name, type ?? CtyType.String) { Required = true };

    public static SchemaAttribute Computed(string name, CtyType? type = null) => new(name, type ?? CtyType.String) { Computed = true };

    public static SchemaAttribute OptionalComputed(string name, CtyType? type = null) =>
        new(name, type ?? CtyType.String) { Optional = true, Computed = true };

    public static Block BlockOf(params object[] members) => new()
    {
        Attributes = members.OfType<SchemaAttribute>().ToList(),
        Blocks = members.OfType<NestedBlock>().ToList(),
    };

    public static NestedBlock Nested(string name, NestingMode nesting, params object[] members) =>
        new(name, nesting, BlockOf(members));

    /// <summary>The errors as Terraform's tests compare them: path, colon, message.</summary>
    public static string[] Render(IEnumerable<ConsistencyError> errors) =>
        errors.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToArray();

    public static void AssertErrors(IEnumerable<ConsistencyError> errors, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), Render(errors));
}
