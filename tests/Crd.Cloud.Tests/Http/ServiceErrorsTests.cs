using Crd.Cloud.Http;

namespace Crd.Cloud.Tests.Http;

public sealed class ServiceErrorsTests
{
    [Theory]
    [InlineData("""{"itemNotFound": {"code": 404, "message": "Instance x could not be found."}}""", "itemNotFound", "Instance x could not be found.")]
    [InlineData("""{"overLimit": {"code": 413, "message": "VolumeLimitExceeded: Maximum number of volumes allowed (10) exceeded"}}""", "overLimit", "VolumeLimitExceeded: Maximum number of volumes allowed (10) exceeded")]
    [InlineData("""{"NeutronError": {"type": "IpAddressGenerationFailure", "message": "No more IP addresses available.", "detail": ""}}""", "IpAddressGenerationFailure", "No more IP addresses available.")]
    [InlineData("""{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}""", "Unauthorized", "The request you have made requires authentication.")]
    [InlineData("""{"errors": [{"code": "ClusterNotFound", "title": "Cluster abc could not be found.", "detail": "Cluster abc could not be found."}]}""", "ClusterNotFound", "Cluster abc could not be found.")]
    [InlineData("404 Not Found\n\nThe resource could not be found.", null, "404 Not Found\n\nThe resource could not be found.")]
    [InlineData("", null, "")]
    public void Parse_ServiceErrorBodies_TypeAndMessage(string body, string? type, string message)
    {
        var parsed = ServiceErrors.Parse(body);

        Assert.Equal(type, parsed.Type);
        Assert.Equal(message, parsed.Message);
    }

    [Fact]
    public void Parse_HugeTextBody_Truncated()
    {
        var parsed = ServiceErrors.Parse(new string('x', 5000));

        Assert.True(parsed.Message.Length < 600);
    }
}
