using Crd.Terraform.Plugin.Cty.Unicode;

namespace Crd.Terraform.Plugin.Tests.Cty;

public sealed class CtyUnicodeTests
{
    [Fact]
    public void NormalizeNfc_ReferenceCases_MatchUnicodeData()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "nfc-cases.txt");
        var failures = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(path).Where(l => !l.StartsWith('#')))
        {
            var parts = line.Split(' ');
            var input = FromHex(parts[0]);
            var expected = FromHex(parts[1]);
            count++;
            var actual = CtyUnicode.NormalizeNfc(input);
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                failures.Add($"{parts[0]}: expected {parts[1]}, got {Convert.ToHexString(System.Text.Encoding.BigEndianUnicode.GetBytes(actual))}");
            }
        }

        Assert.True(count > 3000, $"only {count} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} failures: {string.Join("; ", failures.Take(5))}");
    }

    [Theory]
    [InlineData("cafe\u0301", "caf\u00e9")]
    [InlineData("\u1100\u1161\u11a8", "\uac01")]
    [InlineData("\u212b", "\u00c5")]
    [InlineData("a\u0323\u0302", "\u1ead")]
    [InlineData("a\u0302\u0323", "\u1ead")]
    [InlineData("\ud800x\u0301", "\ud800x\u0301")]
    public void NormalizeNfc_KnownCases_Composed(string input, string expected)
    {
        Assert.Equal(expected, CtyUnicode.NormalizeNfc(input));
    }

    [Fact]
    public void NormalizeNfc_AlreadyNormal_ReturnsSameInstance()
    {
        var ascii = "plain ascii";
        var composed = "caf\u00e9 \U0001F680";

        Assert.Same(ascii, CtyUnicode.NormalizeNfc(ascii));
        Assert.Same(composed, CtyUnicode.NormalizeNfc(composed));
    }

    private static string FromHex(string hex) => System.Text.Encoding.BigEndianUnicode.GetString(Convert.FromHexString(hex));
}
