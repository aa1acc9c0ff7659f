using Crd.Terraform.Plugin.Grpc;
using Crd.Terraform.Plugin.Logging;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Crd.Terraform.Plugin.Hosting;

/// <summary>
/// Kestrel built by hand — no generic host, no WebApplication, no DI container — listening on
/// one unix socket with HTTP/2 only (prior knowledge in plaintext, ALPN h2 under TLS).
/// Skipping the host keeps process start to handshake short (DESIGN.md §4).
/// </summary>
internal sealed class PluginServer : IAsyncDisposable
{
    private readonly KestrelServer _kestrel;
    private readonly GrpcHttpApplication _application;

    private PluginServer(KestrelServer kestrel, GrpcHttpApplication application)
    {
        _kestrel = kestrel;
        _application = application;
    }

    public static PluginServer Create(string socketPath, Task<AutoMtlsCredentials>? tls, GrpcServiceRegistry registry, PluginLogger logger)
    {
        var loggerFactory = new KestrelLoggerFactory(logger);
        var options = new KestrelServerOptions
        {
            AddServerHeader = false,
            ApplicationServices = EmptyServiceProvider.Instance,
        };
        var limits = options.Limits;
        limits.MaxRequestBodySize = null; // per-message limit enforced by GrpcFraming (256 MiB)
        limits.MinRequestBodyDataRate = null;
        limits.MinResponseDataRate = null;
        // Terraform can leave a connection idle for a long time (e.g. while another provider
        // creates resources); an idle close would fail calls racing with it ("stream refused").
        // Ten years, not TimeSpan.MaxValue or InfiniteTimeSpan: Kestrel adds the timeout to a
        // timestamp, and both of those made it close every connection idle for over a second.
        limits.KeepAliveTimeout = TimeSpan.FromDays(3650);
        limits.Http2.MaxStreamsPerConnection = 256;
        limits.Http2.InitialConnectionWindowSize = 32 << 20;
        limits.Http2.InitialStreamWindowSize = 16 << 20;
        limits.Http2.MaxFrameSize = 1 << 20;
        limits.Http2.MaxRequestHeaderFieldSize = 64 * 1024;
        options.ListenUnixSocket(socketPath, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (tls is not null)
            {
                listen.Use(next => new TlsConnectionMiddleware(next, tls, logger).OnConnectionAsync);
            }
        });

        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory);
        var kestrel = new KestrelServer(Options.Create(options), transport, loggerFactory);
        return new PluginServer(kestrel, new GrpcHttpApplication(registry, logger));
    }

    public Task StartAsync(CancellationToken cancellationToken) => _kestrel.StartAsync(_application, cancellationToken);

    /// <summary>Graceful stop: GOAWAY, let in-flight calls finish until the token fires, then abort them.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _kestrel.StopAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        _kestrel.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
