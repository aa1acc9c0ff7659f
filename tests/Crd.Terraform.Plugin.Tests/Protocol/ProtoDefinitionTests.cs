using Google.Protobuf.Reflection;
using P5 = Crd.Terraform.Plugin.Protocol5.Wire;
using P6 = Crd.Terraform.Plugin.Protocol6.Wire;

namespace Crd.Terraform.Plugin.Tests.Protocol;

/// <summary>
/// Pins the wire facts of Protos/tfplugin5.proto and Protos/tfplugin6.proto that Terraform relies on.
/// Every literal below was read from hashicorp/terraform@v1.15.9:docs/plugin-protocol/tfplugin{5,6}.proto
/// (protocol 5.10 / 6.10). If one of these fails, the .proto was edited in a way that breaks the wire
/// contract; fix the .proto, not the table (unless deliberately moving to a newer protocol release).
/// Field rows list a subset of each message's fields so that additive protocol updates do not fail.
/// </summary>
public sealed class ProtoDefinitionTests
{
    // (method, input type, output type, client streaming, server streaming), in declaration order.
    private static readonly (string Name, string Input, string Output, bool ClientStream, bool ServerStream)[] s_provider6Methods =
    [
        ("GetMetadata", "GetMetadata.Request", "GetMetadata.Response", false, false),
        ("GetProviderSchema", "GetProviderSchema.Request", "GetProviderSchema.Response", false, false),
        ("ValidateProviderConfig", "ValidateProviderConfig.Request", "ValidateProviderConfig.Response", false, false),
        ("ValidateResourceConfig", "ValidateResourceConfig.Request", "ValidateResourceConfig.Response", false, false),
        ("ValidateDataResourceConfig", "ValidateDataResourceConfig.Request", "ValidateDataResourceConfig.Response", false, false),
        ("UpgradeResourceState", "UpgradeResourceState.Request", "UpgradeResourceState.Response", false, false),
        ("GetResourceIdentitySchemas", "GetResourceIdentitySchemas.Request", "GetResourceIdentitySchemas.Response", false, false),
        ("UpgradeResourceIdentity", "UpgradeResourceIdentity.Request", "UpgradeResourceIdentity.Response", false, false),
        ("ConfigureProvider", "ConfigureProvider.Request", "ConfigureProvider.Response", false, false),
        ("ReadResource", "ReadResource.Request", "ReadResource.Response", false, false),
        ("PlanResourceChange", "PlanResourceChange.Request", "PlanResourceChange.Response", false, false),
        ("ApplyResourceChange", "ApplyResourceChange.Request", "ApplyResourceChange.Response", false, false),
        ("ImportResourceState", "ImportResourceState.Request", "ImportResourceState.Response", false, false),
        ("MoveResourceState", "MoveResourceState.Request", "MoveResourceState.Response", false, false),
        ("ReadDataSource", "ReadDataSource.Request", "ReadDataSource.Response", false, false),
        ("GenerateResourceConfig", "GenerateResourceConfig.Request", "GenerateResourceConfig.Response", false, false),
        ("ValidateEphemeralResourceConfig", "ValidateEphemeralResourceConfig.Request", "ValidateEphemeralResourceConfig.Response", false, false),
        ("OpenEphemeralResource", "OpenEphemeralResource.Request", "OpenEphemeralResource.Response", false, false),
        ("RenewEphemeralResource", "RenewEphemeralResource.Request", "RenewEphemeralResource.Response", false, false),
        ("CloseEphemeralResource", "CloseEphemeralResource.Request", "CloseEphemeralResource.Response", false, false),
        ("ListResource", "ListResource.Request", "ListResource.Event", false, true),
        ("ValidateListResourceConfig", "ValidateListResourceConfig.Request", "ValidateListResourceConfig.Response", false, false),
        ("GetFunctions", "GetFunctions.Request", "GetFunctions.Response", false, false),
        ("CallFunction", "CallFunction.Request", "CallFunction.Response", false, false),
        ("ValidateStateStoreConfig", "ValidateStateStore.Request", "ValidateStateStore.Response", false, false),
        ("ConfigureStateStore", "ConfigureStateStore.Request", "ConfigureStateStore.Response", false, false),
        ("ReadStateBytes", "ReadStateBytes.Request", "ReadStateBytes.Response", false, true),
        ("WriteStateBytes", "WriteStateBytes.RequestChunk", "WriteStateBytes.Response", true, false),
        ("LockState", "LockState.Request", "LockState.Response", false, false),
        ("UnlockState", "UnlockState.Request", "UnlockState.Response", false, false),
        ("GetStates", "GetStates.Request", "GetStates.Response", false, false),
        ("DeleteState", "DeleteState.Request", "DeleteState.Response", false, false),
        ("PlanAction", "PlanAction.Request", "PlanAction.Response", false, false),
        ("InvokeAction", "InvokeAction.Request", "InvokeAction.Event", false, true),
        ("ValidateActionConfig", "ValidateActionConfig.Request", "ValidateActionConfig.Response", false, false),
        ("StopProvider", "StopProvider.Request", "StopProvider.Response", false, false),
    ];

    private static readonly (string Name, string Input, string Output, bool ClientStream, bool ServerStream)[] s_provider5Methods =
    [
        ("GetMetadata", "GetMetadata.Request", "GetMetadata.Response", false, false),
        ("GetSchema", "GetProviderSchema.Request", "GetProviderSchema.Response", false, false),
        ("PrepareProviderConfig", "PrepareProviderConfig.Request", "PrepareProviderConfig.Response", false, false),
        ("ValidateResourceTypeConfig", "ValidateResourceTypeConfig.Request", "ValidateResourceTypeConfig.Response", false, false),
        ("ValidateDataSourceConfig", "ValidateDataSourceConfig.Request", "ValidateDataSourceConfig.Response", false, false),
        ("UpgradeResourceState", "UpgradeResourceState.Request", "UpgradeResourceState.Response", false, false),
        ("GetResourceIdentitySchemas", "GetResourceIdentitySchemas.Request", "GetResourceIdentitySchemas.Response", false, false),
        ("UpgradeResourceIdentity", "UpgradeResourceIdentity.Request", "UpgradeResourceIdentity.Response", false, false),
        ("Configure", "Configure.Request", "Configure.Response", false, false),
        ("ReadResource", "ReadResource.Request", "ReadResource.Response", false, false),
        ("PlanResourceChange", "PlanResourceChange.Request", "PlanResourceChange.Response", false, false),
        ("ApplyResourceChange", "ApplyResourceChange.Request", "ApplyResourceChange.Response", false, false),
        ("ImportResourceState", "ImportResourceState.Request", "ImportResourceState.Response", false, false),
        ("MoveResourceState", "MoveResourceState.Request", "MoveResourceState.Response", false, false),
        ("ReadDataSource", "ReadDataSource.Request", "ReadDataSource.Response", false, false),
        ("GenerateResourceConfig", "GenerateResourceConfig.Request", "GenerateResourceConfig.Response", false, false),
        ("ValidateEphemeralResourceConfig", "ValidateEphemeralResourceConfig.Request", "ValidateEphemeralResourceConfig.Response", false, false),
        ("OpenEphemeralResource", "OpenEphemeralResource.Request", "OpenEphemeralResource.Response", false, false),
        ("RenewEphemeralResource", "RenewEphemeralResource.Request", "RenewEphemeralResource.Response", false, false),
        ("CloseEphemeralResource", "CloseEphemeralResource.Request", "CloseEphemeralResource.Response", false, false),
        ("ListResource", "ListResource.Request", "ListResource.Event", false, true),
        ("ValidateListResourceConfig", "ValidateListResourceConfig.Request", "ValidateListResourceConfig.Response", false, false),
        ("GetFunctions", "GetFunctions.Request", "GetFunctions.Response", false, false),
        ("CallFunction", "CallFunction.Request", "CallFunction.Response", false, false),
        ("PlanAction", "PlanAction.Request", "PlanAction.Response", false, false),
        ("InvokeAction", "InvokeAction.Request", "InvokeAction.Event", false, true),
        ("ValidateActionConfig", "ValidateActionConfig.Request", "ValidateActionConfig.Response", false, false),
        ("Stop", "Stop.Request", "Stop.Response", false, false),
    ];

    // Fields present in both protocols with the same numbers; message names that differ are listed per protocol.
    private static readonly (string Message, string Fields)[] s_commonFields =
    [
        ("DynamicValue", "msgpack=1 json=2"),
        ("Diagnostic", "severity=1 summary=2 detail=3 attribute=4"),
        ("AttributePath", "steps=1"),
        ("AttributePath.Step", "attribute_name=1 element_key_string=2 element_key_int=3"),
        ("RawState", "json=1 flatmap=2"),
        ("Schema", "version=1 block=2"),
        ("Schema.Block", "version=1 attributes=2 block_types=3 description=4 description_kind=5 deprecated=6 deprecation_message=7"),
        ("Schema.Attribute", "name=1 type=2 description=3 required=4 optional=5 computed=6 sensitive=7 description_kind=8 deprecated=9"),
        ("Schema.NestedBlock", "type_name=1 block=2 nesting=3 min_items=4 max_items=5"),
        ("ServerCapabilities", "plan_destroy=1 get_provider_schema_optional=2 move_resource_state=3 generate_resource_config=4"),
        ("ClientCapabilities", "deferral_allowed=1 write_only_attributes_allowed=2"),
        ("GetProviderSchema.Response", "provider=1 resource_schemas=2 data_source_schemas=3 diagnostics=4 provider_meta=5"),
        ("GetProviderSchema.Response", "server_capabilities=6 functions=7 ephemeral_resource_schemas=8 list_resource_schemas=9 action_schemas=11"),
        ("UpgradeResourceState.Request", "type_name=1 version=2 raw_state=3"),
        ("UpgradeResourceState.Response", "upgraded_state=1 diagnostics=2"),
        ("ReadResource.Request", "type_name=1 current_state=2 private=3 provider_meta=4 client_capabilities=5 current_identity=6"),
        ("ReadResource.Response", "new_state=1 diagnostics=2 private=3 deferred=4 new_identity=5"),
        ("PlanResourceChange.Request", "type_name=1 prior_state=2 proposed_new_state=3 config=4 prior_private=5 provider_meta=6"),
        ("PlanResourceChange.Request", "client_capabilities=7 prior_identity=8"),
        ("PlanResourceChange.Response", "planned_state=1 requires_replace=2 planned_private=3 diagnostics=4 legacy_type_system=5"),
        ("PlanResourceChange.Response", "deferred=6 planned_identity=7"),
        ("ApplyResourceChange.Request", "type_name=1 prior_state=2 planned_state=3 config=4 planned_private=5 provider_meta=6"),
        ("ApplyResourceChange.Request", "planned_identity=7"),
        ("ApplyResourceChange.Response", "new_state=1 private=2 diagnostics=3 legacy_type_system=4 new_identity=5"),
        ("ImportResourceState.Request", "type_name=1 id=2 client_capabilities=3 identity=4"),
        ("ImportResourceState.ImportedResource", "type_name=1 state=2 private=3 identity=4"),
        ("ImportResourceState.Response", "imported_resources=1 diagnostics=2 deferred=3"),
        ("OpenEphemeralResource.Request", "type_name=1 config=2 client_capabilities=3"),
        ("OpenEphemeralResource.Response", "diagnostics=1 renew_at=2 result=3 private=4 deferred=5"),
    ];

    private static readonly (string Message, string Fields)[] s_fields6Only =
    [
        // 6 has nested attribute types (nested_type=10), so write_only/deprecation_message sit one number higher than in 5.
        ("Schema.Attribute", "nested_type=10 write_only=11 deprecation_message=12"),
        ("Schema.Object", "attributes=1 nesting=3 min_items=4 max_items=5"),
        ("GetProviderSchema.Response", "state_store_schemas=10"),
        ("ConfigureProvider.Request", "terraform_version=1 config=2 client_capabilities=3"),
        ("StopProvider.Response", "Error=1"),
    ];

    private static readonly (string Message, string Fields)[] s_fields5Only =
    [
        ("Schema.Attribute", "write_only=10 deprecation_message=11"),
        ("Configure.Request", "terraform_version=1 config=2 client_capabilities=3"),
        ("Stop.Response", "Error=1"),
    ];

    // (message, field, type: scalar name or full message/enum name, label: single|repeated|map|optional|oneof:<name>)
    private static readonly (string Message, string Field, string Type, string Label)[] s_shapes =
    [
        ("DynamicValue", "msgpack", "bytes", "single"),
        ("DynamicValue", "json", "bytes", "single"),
        ("Diagnostic", "severity", "{pkg}.Diagnostic.Severity", "single"),
        ("AttributePath", "steps", "{pkg}.AttributePath.Step", "repeated"),
        ("AttributePath.Step", "attribute_name", "string", "oneof:selector"),
        ("AttributePath.Step", "element_key_string", "string", "oneof:selector"),
        ("AttributePath.Step", "element_key_int", "int64", "oneof:selector"),
        ("FunctionError", "function_argument", "int64", "optional"),
        ("RawState", "flatmap", "{pkg}.RawState.FlatmapEntry", "map"),
        ("Schema", "version", "int64", "single"),
        ("Schema.Attribute", "type", "bytes", "single"),
        ("Schema.NestedBlock", "nesting", "{pkg}.Schema.NestedBlock.NestingMode", "single"),
        ("GetProviderSchema.Response", "resource_schemas", "{pkg}.GetProviderSchema.Response.ResourceSchemasEntry", "map"),
        ("GetProviderSchema.Response", "diagnostics", "{pkg}.Diagnostic", "repeated"),
        ("UpgradeResourceState.Request", "version", "int64", "single"),
        ("ReadResource.Request", "private", "bytes", "single"),
        ("PlanResourceChange.Response", "requires_replace", "{pkg}.AttributePath", "repeated"),
        ("OpenEphemeralResource.Response", "renew_at", "google.protobuf.Timestamp", "optional"),
        ("OpenEphemeralResource.Response", "private", "bytes", "optional"),
        ("ListResource.Event", "resource_object", "{pkg}.DynamicValue", "optional"),
        ("InvokeAction.Event", "progress", "{pkg}.InvokeAction.Event.Progress", "oneof:type"),
    ];

    private static readonly (string Enum, string Values)[] s_enums =
    [
        ("Diagnostic.Severity", "INVALID=0 ERROR=1 WARNING=2"),
        ("StringKind", "PLAIN=0 MARKDOWN=1"),
        ("Schema.NestedBlock.NestingMode", "INVALID=0 SINGLE=1 LIST=2 SET=3 MAP=4 GROUP=5"),
        ("Deferred.Reason", "UNKNOWN=0 RESOURCE_CONFIG_UNKNOWN=1 PROVIDER_CONFIG_UNKNOWN=2 ABSENT_PREREQ=3"),
    ];

    public static TheoryData<int, string, string> FieldRows()
    {
        var rows = new TheoryData<int, string, string>();
        foreach (var (message, fields) in s_commonFields)
        {
            rows.Add(5, message, fields);
            rows.Add(6, message, fields);
        }

        foreach (var (message, fields) in s_fields5Only)
        {
            rows.Add(5, message, fields);
        }

        foreach (var (message, fields) in s_fields6Only)
        {
            rows.Add(6, message, fields);
        }

        return rows;
    }

    public static TheoryData<int, string, string, string, string> ShapeRows()
    {
        var rows = new TheoryData<int, string, string, string, string>();
        foreach (var (message, field, type, label) in s_shapes)
        {
            rows.Add(5, message, field, type.Replace("{pkg}", "tfplugin5", StringComparison.Ordinal), label);
            rows.Add(6, message, field, type.Replace("{pkg}", "tfplugin6", StringComparison.Ordinal), label);
        }

        return rows;
    }

    public static TheoryData<int, string, string> EnumRows()
    {
        var rows = new TheoryData<int, string, string>();
        foreach (var (name, values) in s_enums)
        {
            rows.Add(5, name, values);
            rows.Add(6, name, values);
        }

        rows.Add(6, "Schema.Object.NestingMode", "INVALID=0 SINGLE=1 LIST=2 SET=3 MAP=4");
        return rows;
    }

    [Theory]
    [InlineData(5, "tfplugin5")]
    [InlineData(6, "tfplugin6")]
    public void FileDescriptor_Package_MatchesGrpcPathPrefix(int protocol, string expectedPackage)
    {
        // The package is the first segment of every gRPC :path ("/tfplugin6.Provider/PlanResourceChange").
        var file = File(protocol);

        Assert.Equal(expectedPackage, file.Package);
        Assert.Contains(file.Services, s => s.FullName == expectedPackage + ".Provider");
    }

    [Fact]
    public void Protocol6ProviderService_Methods_MatchReferenceSignaturesAndStreaming()
    {
        AssertMethods(File(6), "Provider", s_provider6Methods);
    }

    [Fact]
    public void Protocol5ProviderService_Methods_MatchReferenceSignaturesAndStreaming()
    {
        AssertMethods(File(5), "Provider", s_provider5Methods);
    }

    [Fact]
    public void Protocol5ProvisionerService_Methods_MatchReferenceSignaturesAndStreaming()
    {
        AssertMethods(File(5), "Provisioner",
        [
            ("GetSchema", "GetProvisionerSchema.Request", "GetProvisionerSchema.Response", false, false),
            ("ValidateProvisionerConfig", "ValidateProvisionerConfig.Request", "ValidateProvisionerConfig.Response", false, false),
            ("ProvisionResource", "ProvisionResource.Request", "ProvisionResource.Response", false, true),
            ("Stop", "Stop.Request", "Stop.Response", false, false),
        ]);
    }

    [Theory]
    [MemberData(nameof(FieldRows))]
    public void MessageField_Number_MatchesReference(int protocol, string message, string fields)
    {
        var descriptor = Message(protocol, message);
        foreach (var pair in fields.Split(' '))
        {
            var (name, number) = SplitPair(pair);
            var field = descriptor.FindFieldByName(name);
            Assert.True(field is not null, $"tfplugin{protocol}.{message} has no field '{name}'");
            Assert.True(number == field.FieldNumber,
                $"tfplugin{protocol}.{message}.{name}: expected {number}, got {field.FieldNumber}");
        }
    }

    [Theory]
    [MemberData(nameof(ShapeRows))]
    public void MessageField_TypeAndLabel_MatchReference(int protocol, string message, string fieldName, string type, string label)
    {
        var field = Message(protocol, message).FindFieldByName(fieldName);
        Assert.NotNull(field);

        Assert.Equal(type, TypeOf(field));
        Assert.Equal(label, LabelOf(field));
    }

    [Theory]
    [MemberData(nameof(EnumRows))]
    public void Enum_Values_MatchReferenceExactly(int protocol, string enumName, string values)
    {
        var dot = enumName.LastIndexOf('.');
        var descriptor = dot < 0
            ? File(protocol).EnumTypes.FirstOrDefault(e => e.Name == enumName)
            : Message(protocol, enumName[..dot]).EnumTypes.FirstOrDefault(e => e.Name == enumName[(dot + 1)..]);
        Assert.True(descriptor is not null, $"tfplugin{protocol}.{enumName} not found");

        var actual = string.Join(' ', descriptor.Values.Select(v => $"{v.Name}={v.Number}"));
        Assert.Equal(values, actual);
    }

    [Fact]
    public void Protocol5GetProviderSchemaResponse_Number10_IsReservedNotAField()
    {
        // 5.10 reserves 10 (state_store_schemas exists only in protocol 6); nothing may reuse it.
        var descriptor = Message(5, "GetProviderSchema.Response");

        Assert.Null(descriptor.FindFieldByNumber(10));
        Assert.Contains(10, descriptor.ToProto().ReservedRange.Select(r => r.Start));
    }

    private static FileDescriptor File(int protocol) => protocol switch
    {
        5 => P5.Tfplugin5Reflection.Descriptor,
        6 => P6.Tfplugin6Reflection.Descriptor,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    // FileDescriptor.FindTypeByName does not resolve nested names in Google.Protobuf 3.25.1, so walk the path.
    private static MessageDescriptor Message(int protocol, string path)
    {
        var segments = path.Split('.');
        var descriptor = File(protocol).MessageTypes.FirstOrDefault(m => m.Name == segments[0]);
        foreach (var segment in segments.Skip(1))
        {
            descriptor = descriptor?.NestedTypes.FirstOrDefault(m => m.Name == segment);
        }

        Assert.True(descriptor is not null, $"tfplugin{protocol}.{path} not found");
        return descriptor;
    }

    private static void AssertMethods(
        FileDescriptor file,
        string serviceName,
        (string Name, string Input, string Output, bool ClientStream, bool ServerStream)[] expected)
    {
        var service = file.FindTypeByName<ServiceDescriptor>(serviceName);
        Assert.NotNull(service);

        var prefix = file.Package + ".";
        var expectedRows = expected.Select(m =>
            $"{m.Name}({(m.ClientStream ? "stream " : "")}{prefix}{m.Input}) -> {(m.ServerStream ? "stream " : "")}{prefix}{m.Output}");
        var actualRows = service.Methods.Select(m =>
            $"{m.Name}({(m.IsClientStreaming ? "stream " : "")}{m.InputType.FullName}) -> {(m.IsServerStreaming ? "stream " : "")}{m.OutputType.FullName}");

        Assert.Equal(expectedRows, actualRows);
    }

    private static (string Name, int Number) SplitPair(string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        return (pair[..eq], int.Parse(pair[(eq + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string TypeOf(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => field.MessageType.FullName,
        FieldType.Enum => field.EnumType.FullName,
        _ => field.FieldType.ToString().ToLowerInvariant(),
    };

    private static string LabelOf(FieldDescriptor field)
    {
        if (field.IsMap)
        {
            return "map";
        }

        if (field.IsRepeated)
        {
            return "repeated";
        }

        if (field.ContainingOneof is { } oneof)
        {
            // proto3 `optional` is encoded as a synthetic one-field oneof.
            return oneof.IsSynthetic ? "optional" : "oneof:" + oneof.Name;
        }

        return "single";
    }
}
