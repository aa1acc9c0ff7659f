using System.Text;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Json;
using Crd.Terraform.Plugin.Cty.Msgpack;

namespace Crd.Terraform.Plugin.Tests.Cty;

/// <summary>
/// Hostile input: random bytes and mutations (bit flips, truncations, insertions, deletions)
/// of every wire vector, decoded against several types. The only exception allowed is
/// <see cref="CtyFormatException"/>; whatever decodes must re-encode and decode to itself.
/// Fixed seeds keep failures reproducible.
/// </summary>
public sealed class CtyFuzzTests
{
    private static readonly CtyType[] s_types =
    [
        CtyType.String,
        CtyType.Number,
        CtyType.Bool,
        CtyType.Dynamic,
        CtyType.List(CtyType.String),
        CtyType.Set(CtyType.Number),
        CtyType.Map(CtyType.List(CtyType.Number)),
        CtyType.Tuple([CtyType.String, CtyType.Number]),
        CtyType.List(CtyType.Dynamic),
        CtyType.FromJson("""["object",{"name":"string","on":"bool","size":"number","tags":["set","string"]}]"""),
        CtyType.FromJson("""["object",{"v":"dynamic"}]"""),
    ];

    [Fact]
    public void MsgpackDecode_MutatedVectors_OnlyCtyFormatException()
    {
        var random = new Random(20261122);
        var inputs = new List<byte[]>();
        foreach (var vector in CtyWireVectors.All.Values)
        {
            inputs.AddRange(Mutations(vector.Msgpack, random, 160));
        }

        var outcome = Run(inputs, DecodeMsgpack);

        Assert.True(inputs.Count > 5000, $"only {inputs.Count} inputs");
        Assert.True(outcome.Decoded > 100, $"only {outcome.Decoded} inputs decoded: the fuzz exercises nothing");
        Assert.True(outcome.Rejected > 100, $"only {outcome.Rejected} inputs rejected");
    }

    [Fact]
    public void MsgpackDecode_RandomBytes_OnlyCtyFormatException()
    {
        var random = new Random(4242);
        var inputs = new List<byte[]>();
        for (var i = 0; i < 4000; i++)
        {
            var bytes = new byte[random.Next(0, 48)];
            random.NextBytes(bytes);

            // Bias towards msgpack containers so that nesting code is reached.
            if (bytes.Length > 0 && random.Next(3) == 0)
            {
                bytes[0] = (byte)(0x90 | random.Next(4));
            }

            inputs.Add(bytes);
        }

        var outcome = Run(inputs, DecodeMsgpack);

        Assert.True(outcome.Rejected > 1000);
    }

    [Fact]
    public void JsonDecode_MutatedVectors_OnlyCtyFormatException()
    {
        var random = new Random(777);
        var inputs = new List<byte[]>();
        foreach (var vector in CtyWireVectors.All.Values.Where(v => v.Json is not null))
        {
            var compact = Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(vector.Json!)?.ToJsonString() ?? "null");
            inputs.AddRange(Mutations(compact, random, 60));
        }

        var outcome = Run(inputs, (data, type) =>
        {
            var value = CtyJsonCodec.Decode(data, type);
            var again = CtyJsonCodec.Decode(CtyJsonCodec.Encode(value, type), type);
            Assert.Equal(value, again);
            CtyJsonCodec.DecodeIgnoringUndefinedAttributes(data, type);
        });

        Assert.True(outcome.Decoded > 50, $"only {outcome.Decoded} inputs decoded");
    }

    [Fact]
    public void TypeFromJson_MutatedTypes_OnlyCtyFormatException()
    {
        var random = new Random(99);
        var failures = new List<string>();
        foreach (var vector in CtyWireVectors.All.Values)
        {
            foreach (var input in Mutations(Encoding.UTF8.GetBytes(vector.TypeJson), random, 40))
            {
                try
                {
                    var type = CtyType.FromJson(input);
                    Assert.Equal(type, CtyType.FromJson(type.ToJson()));
                }
                catch (CtyFormatException)
                {
                }
                catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
                {
                    failures.Add($"{Convert.ToHexString(input)}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        Assert.Empty(failures);
    }

    private static void DecodeMsgpack(byte[] data, CtyType type)
    {
        var value = CtyMsgpackCodec.Decode(data, type);
        var again = CtyMsgpackCodec.Decode(CtyMsgpackCodec.Encode(value, type), type);
        Assert.Equal(value, again);
    }

    private static (int Decoded, int Rejected) Run(List<byte[]> inputs, Action<byte[], CtyType> decode)
    {
        var failures = new List<string>();
        var decoded = 0;
        var rejected = 0;
        foreach (var input in inputs)
        {
            foreach (var type in s_types)
            {
                try
                {
                    decode(input, type);
                    decoded++;
                }
                catch (CtyFormatException)
                {
                    rejected++;
                }
                catch (Exception ex)
                {
                    failures.Add($"{Convert.ToHexString(input)} as {type}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures, first: {string.Join("\n", failures.Take(5))}");
        return (decoded, rejected);
    }

    private static IEnumerable<byte[]> Mutations(byte[] original, Random random, int count)
    {
        yield return original;
        for (var length = 0; length < original.Length; length++)
        {
            yield return original[..length];
        }

        for (var i = 0; i < count; i++)
        {
            var mutated = original.ToList();
            var edits = 1 + random.Next(3);
            for (var e = 0; e < edits; e++)
            {
                switch (random.Next(4))
                {
                    case 0 when mutated.Count > 0:
                        var bit = random.Next(mutated.Count * 8);
                        mutated[bit / 8] ^= (byte)(1 << (bit % 8));
                        break;
                    case 1:
                        mutated.Insert(random.Next(mutated.Count + 1), InterestingByte(random));
                        break;
                    case 2 when mutated.Count > 0:
                        mutated.RemoveAt(random.Next(mutated.Count));
                        break;
                    default:
                        if (mutated.Count > 0)
                        {
                            mutated[random.Next(mutated.Count)] = InterestingByte(random);
                        }

                        break;
                }
            }

            yield return mutated.ToArray();
        }
    }

    // Format bytes that stress length and count handling more than uniform noise would.
    private static byte InterestingByte(Random random)
    {
        ReadOnlySpan<byte> interesting = [0x00, 0x7f, 0x80, 0x8f, 0x9f, 0xbf, 0xc0, 0xc4, 0xc7, 0xc9, 0xca, 0xcb, 0xcf, 0xd3, 0xd4, 0xd8, 0xd9, 0xdb, 0xdd, 0xdf, 0xff, (byte)'"', (byte)'[', (byte)'{', (byte)'1', (byte)'e'];
        return random.Next(2) == 0 ? interesting[random.Next(interesting.Length)] : (byte)random.Next(256);
    }
}
