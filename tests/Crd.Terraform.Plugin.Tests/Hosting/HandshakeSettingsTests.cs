using Crd.Terraform.Plugin.Hosting;

namespace Crd.Terraform.Plugin.Tests.Hosting;

public sealed class HandshakeSettingsTests
{
    [Theory]
    [InlineData("5,6", 6)]
    [InlineData("6,5", 6)]
    [InlineData(" 5 , 6 ", 6)]
    [InlineData("5", 5)]
    [InlineData("6", 6)]
    [InlineData("4", 5)]
    [InlineData("7,8", 5)]
    [InlineData("", 6)]
    [InlineData(null, 6)]
    [InlineData("x,5", 5)]
    public void SelectProtocolVersion_Offer_PicksLikeGoPlugin(string? offered, int expected) =>
        Assert.Equal(expected, HandshakeSettings.SelectProtocolVersion(offered, [6, 5]));
}
