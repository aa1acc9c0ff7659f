using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Json;
using Crd.Terraform.Plugin.Cty.Msgpack;

namespace Crd.Terraform.Plugin.Tests.Cty;

/// <summary>
/// Random types and values (fixed seed) through both codecs: whatever we can build must
/// come back equal, including nulls, unknowns, refinements, dynamic slots, big and tiny
/// numbers and non-ASCII text.
/// </summary>
public sealed class CtyRoundTripPropertyTests
{
    private static readonly string[] s_words = ["", "a", "b", "vm-1", "caf\u00e9", "cafe\u0301", "\U0001F680", "<&>", "x\ny", "\u00c5ngstr\u00f6m"];
    private static readonly string[] s_numbers = ["0", "1", "-1", "0.5", "0.1", "-129", "1e400", "1e-30", "18446744073709551615", "9223372036854775807", "123456789012345678901234567890.125", "3.14159"];

    [Fact]
    public void Msgpack_RandomValues_RoundTrip()
    {
        var random = new Random(31337);
        for (var i = 0; i < 1500; i++)
        {
            var type = RandomType(random, 0);
            var value = RandomValue(random, type, 0, allowUnknown: true);

            var bytes = CtyMsgpackCodec.Encode(value, type);
            var decoded = CtyMsgpackCodec.Decode(bytes, type);

            Assert.True(value.Equals(decoded), $"#{i} {type}: {value} came back as {decoded}");
            Assert.Equal(bytes, CtyMsgpackCodec.Encode(decoded, type));
        }
    }

    [Fact]
    public void Json_RandomKnownValues_RoundTrip()
    {
        var random = new Random(4711);
        for (var i = 0; i < 1500; i++)
        {
            var type = RandomType(random, 0);
            var value = RandomValue(random, type, 0, allowUnknown: false);

            var json = CtyJsonCodec.Encode(value, type);
            var decoded = CtyJsonCodec.Decode(json, type);

            Assert.True(value.Equals(decoded), $"#{i} {type}: {value} came back as {decoded}");
            Assert.Equal(json, CtyJsonCodec.Encode(decoded, type));
        }
    }

    private static CtyType RandomType(Random random, int depth)
    {
        var pick = random.Next(depth >= 3 ? 4 : 10);
        switch (pick)
        {
            case 0:
                return CtyType.String;
            case 1:
                return CtyType.Number;
            case 2:
                return CtyType.Bool;
            case 3:
                return CtyType.Dynamic;
            case 4:
                return CtyType.List(RandomType(random, depth + 1));
            case 5:
                return CtyType.Set(RandomConcreteType(random, depth + 1));
            case 6:
                return CtyType.Map(RandomType(random, depth + 1));
            case 7:
                return CtyType.Tuple(Enumerable.Range(0, random.Next(4)).Select(_ => RandomType(random, depth + 1)).ToArray());
            default:
                var attributes = new Dictionary<string, CtyType>();
                foreach (var name in Enumerable.Range(0, random.Next(5)).Select(n => $"attr_{(char)('a' + random.Next(6))}"))
                {
                    attributes[name] = RandomType(random, depth + 1);
                }

                return CtyType.Object(attributes);
        }
    }

    // Sets of dynamic would need every element to share one type; keep set elements concrete.
    private static CtyType RandomConcreteType(Random random, int depth)
    {
        var type = RandomType(random, depth);
        return type.HasDynamicTypes ? CtyType.String : type;
    }

    private static CtyValue RandomValue(Random random, CtyType type, int depth, bool allowUnknown)
    {
        var roll = random.Next(12);
        if (roll == 0)
        {
            return CtyValue.Null(type);
        }

        if (roll == 1 && allowUnknown)
        {
            return CtyValue.Unknown(type, RandomRefinements(random, type));
        }

        if (type.IsDynamic)
        {
            var concrete = RandomConcreteType(random, depth + 1);
            return RandomValue(random, concrete, depth + 1, allowUnknown);
        }

        switch (type.Kind)
        {
            case CtyTypeKind.String:
                return CtyValue.String(s_words[random.Next(s_words.Length)]);
            case CtyTypeKind.Number:
                return random.Next(3) == 0
                    ? CtyValue.Number(random.NextDouble() * Math.Pow(10, random.Next(-10, 10)))
                    : CtyValue.Number(CtyNumber.Parse(s_numbers[random.Next(s_numbers.Length)]));
            case CtyTypeKind.Bool:
                return CtyValue.Bool(random.Next(2) == 0);
            case CtyTypeKind.List:
                // Elements of a collection with dynamic parts must all get one concrete type:
                // keep such collections to a single element.
                return CtyValue.List(type.ElementType, Enumerable.Range(0, random.Next(type.ElementType.HasDynamicTypes ? 2 : 4))
                    .Select(_ => RandomValue(random, type.ElementType, depth + 1, allowUnknown)).ToArray());
            case CtyTypeKind.Set:
                return CtyValue.Set(type.ElementType, Enumerable.Range(0, random.Next(5))
                    .Select(_ => RandomValue(random, type.ElementType, depth + 1, allowUnknown)).ToArray());
            case CtyTypeKind.Map:
                return CtyValue.Map(type.ElementType, Enumerable.Range(0, random.Next(type.ElementType.HasDynamicTypes ? 2 : 4))
                    .Select(k => KeyValuePair.Create(s_words[k], RandomValue(random, type.ElementType, depth + 1, allowUnknown))).ToArray());
            case CtyTypeKind.Tuple:
                return CtyValue.Tuple(type.ElementTypes.Select(t => RandomValue(random, t, depth + 1, allowUnknown)).ToArray());
            default:
                return CtyValue.Object(type, type.AttributeTypes
                    .Where(_ => random.Next(5) != 0)
                    .ToDictionary(a => a.Key, a => RandomValue(random, a.Value, depth + 1, allowUnknown)));
        }
    }

    private static CtyRefinements? RandomRefinements(Random random, CtyType type)
    {
        if (random.Next(2) == 0 || type.IsDynamic)
        {
            return null;
        }

        var notNull = random.Next(2) == 0 ? false : (bool?)null;
        return type.Kind switch
        {
            CtyTypeKind.String => new CtyRefinements { IsNull = notNull, StringPrefix = s_words[random.Next(s_words.Length)] },
            CtyTypeKind.Number => new CtyRefinements
            {
                IsNull = notNull,
                NumberLowerBound = random.Next(2) == 0 ? (CtyNumber.Parse("-0.1"), random.Next(2) == 0) : null,
                NumberUpperBound = random.Next(2) == 0 ? (CtyNumber.Parse("1e30"), random.Next(2) == 0) : null,
            },
            CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Map => new CtyRefinements
            {
                IsNull = notNull,
                LengthLowerBound = random.Next(3),
                LengthUpperBound = random.Next(2) == 0 ? 5 : null,
            },
            _ => new CtyRefinements { IsNull = notNull },
        };
    }
}
