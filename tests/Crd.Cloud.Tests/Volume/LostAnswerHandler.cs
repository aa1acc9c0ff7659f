namespace Crd.Cloud.Tests.Volume;

/// <summary>
/// A transport that lets the first <c>count</c> matching requests reach the server and then
/// drops the answer, as a connection reset after the server acted does: the call fails (or is
/// retried) although the cloud already carried it out.
/// </summary>
internal sealed class LostAnswerHandler(HttpMethod method, string pathSuffix, int count) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly int _count = count;
    private int _seen;

    /// <summary>Answers dropped so far.</summary>
    public int Dropped => Math.Min(Volatile.Read(ref _seen), _count);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == method && request.RequestUri!.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal) && Interlocked.Increment(ref _seen) <= _count)
        {
            response.Dispose();
            throw new HttpRequestException(HttpRequestError.ConnectionError, "connection reset by peer (test: answer dropped after the server acted)");
        }

        return response;
    }
}
