using System.Diagnostics.CodeAnalysis;

namespace Crd.Terraform.Plugin.Grpc;

/// <summary>
/// The <c>grpc-timeout</c> request header (grpc/grpc doc/PROTOCOL-HTTP2.md, "Timeout"):
/// <c>TimeoutValue TimeoutUnit</c>, a positive integer of at most 8 ASCII digits followed by one
/// of <c>H</c> (hours), <c>M</c> (minutes), <c>S</c> (seconds), <c>m</c> (milliseconds),
/// <c>u</c> (microseconds), <c>n</c> (nanoseconds). The call's deadline is that long after the
/// server received the request headers.
/// </summary>
internal static class GrpcTimeout
{
    public const string HeaderName = "grpc-timeout";

    /// <summary>
    /// Beyond this, no deadline is armed: the timer behind <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>
    /// takes at most ~49 days, and a provider call that long is unbounded in practice.
    /// </summary>
    internal static readonly TimeSpan Unbounded = TimeSpan.FromDays(49);

    /// <summary>Parses a header value; false when it does not follow the grammar.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out TimeSpan? timeout)
    {
        timeout = null;
        if (value is null || value.Length < 2 || value.Length > 9)
        {
            return false;
        }

        long amount = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            amount = (amount * 10) + (c - '0');
        }

        // TimeSpan ticks are 100 ns: round sub-tick values up, so "1n" is a deadline, not none.
        timeout = value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromTicks(amount * 10),
            'n' => TimeSpan.FromTicks((amount + 99) / 100),
            _ => null,
        };
        return timeout is not null;
    }
}
