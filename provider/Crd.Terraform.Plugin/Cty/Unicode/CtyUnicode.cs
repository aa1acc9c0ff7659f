using System.Globalization;
using System.Text;

namespace Crd.Terraform.Plugin.Cty.Unicode;

/// <summary>
/// Unicode Normalization Form C, implemented here because cty normalises every string to NFC
/// (cty.NormalizeString) while this project runs .NET with InvariantGlobalization, where
/// <see cref="string.Normalize()"/> leaves non-ASCII text unchanged. Algorithm of UAX #15
/// (decompose, canonical order, compose) over tables generated from the Unicode Character
/// Database by scripts/unicode/generate-nfc-data.py (embedded nfc-data.txt).
/// </summary>
internal static class CtyUnicode
{
    private const int SBase = 0xAC00;
    private const int LBase = 0x1100;
    private const int VBase = 0x1161;
    private const int TBase = 0x11A7;
    private const int LCount = 19;
    private const int VCount = 21;
    private const int TCount = 28;
    private const int NCount = VCount * TCount;
    private const int SCount = LCount * NCount;

    // Text made only of code units below U+0300 is always NFC (checked by the generator).
    private const char FirstInteresting = '\u0300';

    private static readonly Lazy<Tables> s_tables = new(Tables.Load);

    /// <summary>The NFC form of <paramref name="text"/>; the same instance when already NFC.</summary>
    public static string NormalizeNfc(string text)
    {
        var first = 0;
        while (first < text.Length && text[first] < FirstInteresting)
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var tables = s_tables.Value;
        var decomposed = new List<int>(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            int cp = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cp = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }

            Decompose(tables, cp, decomposed);
        }

        Reorder(tables, decomposed);
        var composed = Compose(tables, decomposed);
        var builder = new StringBuilder(text.Length);
        foreach (var cp in composed)
        {
            if (cp is >= 0xD800 and <= 0xDFFF)
            {
                builder.Append((char)cp); // a lone surrogate stays as it was
            }
            else
            {
                builder.Append(char.ConvertFromUtf32(cp));
            }
        }

        var result = builder.ToString();
        return string.Equals(result, text, StringComparison.Ordinal) ? text : result;
    }

    private static void Decompose(Tables tables, int cp, List<int> output)
    {
        if (cp is >= SBase and < SBase + SCount)
        {
            var index = cp - SBase;
            output.Add(LBase + (index / NCount));
            output.Add(VBase + (index % NCount / TCount));
            if (index % TCount != 0)
            {
                output.Add(TBase + (index % TCount));
            }

            return;
        }

        if (tables.Decompositions.TryGetValue(cp, out var mapping))
        {
            output.AddRange(mapping);
        }
        else
        {
            output.Add(cp);
        }
    }

    // Canonical ordering: a stable sort of each run of non-starters by combining class.
    private static void Reorder(Tables tables, List<int> cps)
    {
        for (var i = 1; i < cps.Count; i++)
        {
            var ccc = tables.CombiningClass(cps[i]);
            if (ccc == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0)
            {
                var previous = tables.CombiningClass(cps[j - 1]);
                if (previous <= ccc)
                {
                    break;
                }

                (cps[j - 1], cps[j]) = (cps[j], cps[j - 1]);
                j--;
            }
        }
    }

    private static List<int> Compose(Tables tables, List<int> cps)
    {
        var result = new List<int>(cps.Count);
        var starter = -1;
        var lastClass = 0;
        foreach (var cp in cps)
        {
            var ccc = tables.CombiningClass(cp);
            if (starter >= 0)
            {
                // Blocked when something sits between the starter and this character whose
                // class is 0 or not lower than this one's.
                var adjacent = result.Count - 1 == starter;
                var blocked = !adjacent && (lastClass == 0 || lastClass >= ccc);
                if (!blocked && TryCompose(tables, result[starter], cp, out var composite))
                {
                    result[starter] = composite;
                    continue;
                }
            }

            if (ccc == 0)
            {
                starter = result.Count;
                lastClass = 0;
            }
            else
            {
                lastClass = ccc;
            }

            result.Add(cp);
        }

        return result;
    }

    private static bool TryCompose(Tables tables, int first, int second, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + ((((first - LBase) * VCount) + (second - VBase)) * TCount);
            return true;
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0
            && second is > TBase and < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }

        return tables.Compositions.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private sealed class Tables
    {
        public Dictionary<int, int[]> Decompositions { get; } = [];

        public Dictionary<long, int> Compositions { get; } = [];

        private readonly List<(int Start, int End, byte Class)> _classes = [];

        public int CombiningClass(int cp)
        {
            if (cp < FirstInteresting)
            {
                return 0;
            }

            var lo = 0;
            var hi = _classes.Count - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >> 1;
                var (start, end, ccc) = _classes[mid];
                if (cp < start)
                {
                    hi = mid - 1;
                }
                else if (cp > end)
                {
                    lo = mid + 1;
                }
                else
                {
                    return ccc;
                }
            }

            return 0;
        }

        public static Tables Load()
        {
            var tables = new Tables();
            using var stream = typeof(CtyUnicode).Assembly.GetManifestResourceStream("Crd.Terraform.Plugin.Cty.Unicode.nfc-data.txt")
                ?? throw new InvalidOperationException("The embedded NFC tables are missing.");
            using var reader = new StreamReader(stream, Encoding.ASCII);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var parts = line.Split(' ');
                var numbers = new int[parts.Length - 1];
                for (var i = 1; i < parts.Length; i++)
                {
                    numbers[i - 1] = parts[0] == "C" && i == 3
                        ? int.Parse(parts[i], CultureInfo.InvariantCulture)
                        : int.Parse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                }

                switch (parts[0])
                {
                    case "C":
                        tables._classes.Add((numbers[0], numbers[1], (byte)numbers[2]));
                        break;
                    case "D":
                        tables.Decompositions[numbers[0]] = numbers[1..];
                        break;
                    case "P":
                        tables.Compositions[((long)numbers[0] << 21) | (uint)numbers[1]] = numbers[2];
                        break;
                }
            }

            return tables;
        }
    }
}
