using System.Diagnostics;
using System.Text;
using Crd.Terraform.Plugin.Grpc.Controller;
using Crd.Terraform.Plugin.Grpc.Health;
using Crd.Terraform.Plugin.Hosting;
using Crd.Terraform.Plugin.Logging;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using P5 = Crd.Terraform.Plugin.Protocol5.Wire;
using P6 = Crd.Terraform.Plugin.Protocol6.Wire;

namespace Crd.Benchmarks.GrpcAspNetCoreSpike;

/// <summary>
/// A provider process whose gRPC layer is Grpc.AspNetCore: same handshake, socket, AutoMTLS and
/// Kestrel settings as the SDK's PluginHost/PluginServer, but requests go through endpoint
/// routing to Grpc.AspNetCore service implementations (health, GRPCController, tfplugin5 and
/// tfplugin6 with an empty GetProviderSchema; every other method answers UNIMPLEMENTED).
/// No generic host: a ServiceCollection for what Grpc.AspNetCore and routing need, and the
/// pipeline handed to Kestrel as an <see cref="IHttpApplication{TContext}"/>.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var stdout = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        var settings = HandshakeSettings.FromEnvironment([6, 5]);
        if (!settings.CookieValid)
        {
            await Console.Error.WriteLineAsync("not started by Terraform (TF_PLUGIN_MAGIC_COOKIE)");
            return 1;
        }

        var clientPem = settings.ClientCertificatePem;
        var tls = clientPem is null ? null : Task.Run(() => AutoMtlsCredentials.Create(clientPem));
        var logger = PluginLogger.Instance;
        var loggerFactory = new KestrelLoggerFactory(logger);
        var stop = new StopSignal();

        // Built in the background while Kestrel starts and the handshake line goes out (as the
        // SDK overlaps certificate generation); the first request awaits it.
        var pipeline = Task.Run(() => BuildPipeline(stop, loggerFactory));

        var socketPath = UnixSocketPath.Create(settings.SocketDirectory);
        try
        {
            var options = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = EmptyServices.Instance };
            var limits = options.Limits;
            limits.MaxRequestBodySize = null;
            limits.MinRequestBodyDataRate = null;
            limits.MinResponseDataRate = null;
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
            using var kestrel = new KestrelServer(Options.Create(options), transport, loggerFactory);
            await kestrel.StartAsync(new PipelineApplication(pipeline), CancellationToken.None);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var certificateField = tls is null ? string.Empty : (await tls).ServerCertificateField;
            stdout.Write(Encoding.UTF8.GetBytes($"1|{settings.ProtocolVersion}|unix|{socketPath}|grpc|{certificateField}\n"));
            stdout.Flush();

            await stop.Stopped;
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await kestrel.StopAsync(drain.Token);
            }
            catch (OperationCanceledException)
            {
            }

            await (await pipeline).Services.DisposeAsync();
            return 0;
        }
        finally
        {
            UnixSocketPath.TryDelete(socketPath);
        }
    }

    private static (ServiceProvider Services, RequestDelegate Pipeline) BuildPipeline(StopSignal stop, ILoggerFactory loggerFactory)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(new DiagnosticListener("Microsoft.AspNetCore"));
        services.AddSingleton(stop);
        services.AddRouting();
        services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = 256 << 20;
            options.MaxSendMessageSize = 256 << 20;
        });
        var provider = services.BuildServiceProvider();
        var app = new ApplicationBuilder(provider);
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapGrpcService<HealthService>();
            endpoints.MapGrpcService<ControllerService>();
            endpoints.MapGrpcService<Provider6Service>();
            endpoints.MapGrpcService<Provider5Service>();
        });
        return (provider, app.Build());
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }

    private sealed class PipelineApplication(Task<(ServiceProvider Services, RequestDelegate Pipeline)> pipeline) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }

        public async Task ProcessRequestAsync(HttpContext context)
        {
            var (services, run) = await pipeline;
            await using var scope = services.CreateAsyncScope();
            context.RequestServices = scope.ServiceProvider;
            await run(context);
        }
    }
}

internal sealed class StopSignal
{
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Stopped => _stopped.Task;

    public void Stop() => _stopped.TrySetResult();
}

internal sealed class HealthService : Health.HealthBase
{
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        request.Service is "" or "plugin"
            ? Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving })
            : throw new RpcException(new Status(StatusCode.NotFound, $"unknown service {request.Service}"));
}

internal sealed class ControllerService(StopSignal stop) : GRPCController.GRPCControllerBase
{
    public override Task<Empty> Shutdown(Empty request, ServerCallContext context)
    {
        // Reply first, then stop (go-plugin waits for the reply, then 2 s for the exit).
        context.GetHttpContext().Response.OnCompleted(() =>
        {
            stop.Stop();
            return Task.CompletedTask;
        });
        return Task.FromResult(new Empty());
    }
}

internal sealed class Provider6Service : P6.Provider.ProviderBase
{
    public override Task<P6.GetProviderSchema.Types.Response> GetProviderSchema(P6.GetProviderSchema.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new P6.GetProviderSchema.Types.Response());
}

internal sealed class Provider5Service : P5.Provider.ProviderBase
{
    public override Task<P5.GetProviderSchema.Types.Response> GetSchema(P5.GetProviderSchema.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new P5.GetProviderSchema.Types.Response());
}
