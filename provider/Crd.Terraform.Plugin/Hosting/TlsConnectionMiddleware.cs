using System.IO.Pipelines;
using System.Net.Security;
using Crd.Terraform.Plugin.Logging;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Crd.Terraform.Plugin.Hosting;

/// <summary>
/// Kestrel connection middleware terminating AutoMTLS: authenticates each accepted unix-socket
/// connection with <see cref="SslStream"/> (client certificate pinned, ALPN h2) and hands the
/// decrypted pipe to the HTTP/2 layer. Written here rather than with Kestrel's UseHttps so the
/// server can be built without the generic host's service container (start-up time).
/// </summary>
internal sealed class TlsConnectionMiddleware(ConnectionDelegate next, Task<AutoMtlsCredentials> credentials, PluginLogger logger)
{
    private static readonly TimeSpan s_handshakeTimeout = TimeSpan.FromSeconds(10);

    // Large pipe buffers: TLS records are up to 16 KiB and plans/states can be many MiB.
    private static readonly StreamPipeReaderOptions s_readerOptions = new(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true);
    private static readonly StreamPipeWriterOptions s_writerOptions = new(minimumBufferSize: 64 * 1024, leaveOpen: true);

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var options = await (await credentials.ConfigureAwait(false)).ServerOptions.ConfigureAwait(false);
        var transport = connection.Transport;
        await using var ssl = new SslStream(new DuplexPipeStream(transport), leaveInnerStreamOpen: false);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
        {
            timeout.CancelAfter(s_handshakeTimeout);
            try
            {
                await ssl.AuthenticateAsServerAsync(options, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException or OperationCanceledException)
            {
                // A client without the pinned certificate, or a plaintext client: refuse quietly.
                logger.Warn("TLS handshake refused", ("connection", connection.ConnectionId), ("reason", ex.Message));
                return;
            }
        }

        // Tell Kestrel the connection is TLS: it checks each stream's :scheme ("https" from
        // gRPC TLS clients) against the transport, and the negotiated ALPN protocol.
        var tlsFeature = new TlsFeature(ssl);
        connection.Features.Set<ITlsConnectionFeature>(tlsFeature);
        connection.Features.Set<ITlsApplicationProtocolFeature>(tlsFeature);
        var reader = PipeReader.Create(ssl, s_readerOptions);
        var writer = PipeWriter.Create(ssl, s_writerOptions);
        connection.Transport = new TlsDuplexPipe(reader, writer);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            connection.Transport = transport;
            await reader.CompleteAsync().ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private sealed class TlsFeature(SslStream ssl) : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        public X509Certificate2? ClientCertificate
        {
            get => ssl.RemoteCertificate as X509Certificate2;
            set => throw new NotSupportedException();
        }

        public ReadOnlyMemory<byte> ApplicationProtocol => ssl.NegotiatedApplicationProtocol.Protocol;

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
    }

    private sealed class TlsDuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
