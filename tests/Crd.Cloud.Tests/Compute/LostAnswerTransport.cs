namespace Crd.Cloud.Tests.Compute;

/// <summary>
/// The network between the client and crd-sim losing answers: the first <c>times</c> requests
/// matching <c>method</c> and path suffix reach crd-sim and are processed, then the connection "resets".
/// </summary>
internal sealed class LostAnswerTransport(HttpMethod method, string pathSuffix, int times = 1) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _lost;

    public int Lost => Math.Min(_lost, times);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Method == method && request.RequestUri!.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal) && Interlocked.Increment(ref _lost) <= times)
        {
            response.Dispose();
            throw new HttpRequestException(HttpRequestError.ConnectionError, "connection reset by peer (test)");
        }

        return response;
    }
}
