using System.Diagnostics;
using System.Net;
using Polly;
using Polly.Retry;

namespace Crd.Cloud.Http;

/// <summary>
/// The resilience policy of DESIGN.md §5 as a DelegatingHandler around every site call:
/// retries 429 (honouring Retry-After), 502/503/504, connection failures and per-attempt
/// timeouts, and the 409s known to be transient (Nova <c>task_state</c> conflicts, Neutron
/// <c>IpAddressGenerationFailure</c>, <c>SecurityGroupInUse</c>), with jittered exponential
/// backoff. Never retries 400s or quota refusals (403/413): retrying cannot make them succeed.
/// </summary>
/// <remarks>
/// Retrying a POST after a reset can repeat a create the server already performed; the
/// resources guard against that by tagging creates with a request marker and adopting what
/// they find (see <c>VmResource</c>/<c>VolumeResource</c>), which is why retries stay on for POST.
/// </remarks>
internal sealed class ResilienceHandler : DelegatingHandler
{
    private readonly CloudOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private long _requests;

    public ResilienceHandler(CloudOptions options, HttpMessageHandler inner)
        : base(inner)
    {
        _options = options;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            // Polly refuses zero attempts; max_retries = 0 means "no retry strategy at all".
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>HTTP attempts sent so far (each retry counts).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A request message can be sent only once: buffer the body and clone per attempt.
        var content = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var attempt = 0;
        return await _pipeline.ExecuteAsync(async ct =>
        {
            attempt++;
            using var message = Clone(request, content);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.RequestTimeout);
            Interlocked.Increment(ref _requests);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var response = await base.SendAsync(message, timeout.Token).ConfigureAwait(false);
                if ((int)response.StatusCode == 409)
                {
                    // The conflict kind is in the body; buffer it so the caller can still read it.
                    await response.Content.LoadIntoBufferAsync(timeout.Token).ConfigureAwait(false);
                }

                Log(request, attempt, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), started);
                return response;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Log(request, attempt, "timeout", started);
                throw new HttpRequestException($"no answer within {_options.RequestTimeout.TotalSeconds} s", null, HttpStatusCode.RequestTimeout);
            }
            catch (HttpRequestException e)
            {
                Log(request, attempt, "connection failure (" + e.HttpRequestError + ")", started);
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is HttpRequestException or IOException)
        {
            return true;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status is 429 or 502 or 503 or 504)
        {
            return true;
        }

        if (status != 409)
        {
            return false;
        }

        // Buffered above; reading a buffered body is synchronous in effect.
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return body.Contains("task_state", StringComparison.Ordinal)
            || body.Contains("IpAddressGenerationFailure", StringComparison.Ordinal)
            || body.Contains("SecurityGroupInUse", StringComparison.Ordinal);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is null)
        {
            return null; // Polly's jittered exponential delay.
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.MaxRetryDelay ? _options.MaxRetryDelay : wait;
    }

    private static HttpRequestMessage Clone(HttpRequestMessage request, byte[]? content)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (content is not null)
        {
            clone.Content = new ByteArrayContent(content);
            foreach (var header in request.Content!.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return clone;
    }

    private void Log(HttpRequestMessage request, int attempt, string outcome, long started)
    {
        if (_options.Log is { } log)
        {
            // Path only: query strings may carry names but never secrets; bodies and headers are never logged.
            log($"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)} -> {outcome} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms{(attempt > 1 ? $" (attempt {attempt})" : "")}");
        }
    }
}
