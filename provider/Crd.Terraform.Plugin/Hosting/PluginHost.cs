using System.Runtime.InteropServices;
using System.Text;
using Crd.Terraform.Plugin.Grpc;
using Crd.Terraform.Plugin.Logging;

namespace Crd.Terraform.Plugin.Hosting;

/// <summary>
/// Serves a provider the way go-plugin expects (protocol.md §1): magic cookie, protocol
/// negotiation, a fresh unix socket, AutoMTLS, the handshake line, then gRPC until
/// GRPCController.Shutdown or SIGTERM. Call it from <c>Main</c> and return its result.
/// </summary>
public static class PluginHost
{
    private const string DebugFlag = "--debug";

    /// <summary>Bounded drain on stop: go-plugin kills the process 2 s after Shutdown.</summary>
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs the plugin until it is told to stop.
    /// </summary>
    /// <param name="args">Command-line arguments; <c>--debug</c> serves plaintext for <c>TF_REATTACH_PROVIDERS</c>.</param>
    /// <param name="options">What to serve.</param>
    /// <returns>The process exit code: 0 after a requested stop, 1 when started wrongly or failing to start.</returns>
    public static async Task<int> RunAsync(string[] args, PluginServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);

        // stdout carries the handshake and nothing else: anything else that writes through
        // Console.Out (stray diagnostics, libraries) goes to stderr instead.
        using var stdout = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);

        var debug = args.Any(a => a is DebugFlag or "-debug" or "--debug=true");
        var logger = PluginLogger.Instance;
        var settings = HandshakeSettings.FromEnvironment(options.SupportedProtocolVersions);
        if (!debug && !settings.CookieValid)
        {
            await Console.Error.WriteAsync(NotAPluginMessage(options.ProviderAddress)).ConfigureAwait(false);
            return 1;
        }

        var protocolVersion = debug ? options.SupportedProtocolVersions.Max() : settings.ProtocolVersion;
        var clientPem = debug ? null : settings.ClientCertificatePem;
        // Certificate generation overlaps with Kestrel's start.
        var tls = clientPem is null ? null : Task.Run(() => AutoMtlsCredentials.Create(clientPem));

        var lifetime = new PluginLifetime(options.OnStopRequested, logger);
        // Ctrl-C reaches the whole process group; Terraform answers it with StopProvider, so a
        // managed plugin must survive it (go-plugin servers do the same). SIGTERM stops cleanly.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            if (debug)
            {
                lifetime.RequestStop("SIGINT");
            }
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            lifetime.RequestStop("SIGTERM");
        });

        var registry = new GrpcServiceRegistry();
        AuxiliaryServices.Register(registry, lifetime);
        options.RegisterServices(registry);

        var socketPath = UnixSocketPath.Create(settings.SocketDirectory);
        try
        {
            await using var server = PluginServer.Create(socketPath, tls, registry, logger);
            string certificateField;
            try
            {
                await server.StartAsync(CancellationToken.None).ConfigureAwait(false);
                RestrictToOwner(socketPath);
                certificateField = tls is null ? string.Empty : (await tls.ConfigureAwait(false)).ServerCertificateField;
            }
            catch (Exception ex)
            {
                await Console.Error.WriteLineAsync($"Error: the provider could not start serving on {socketPath}: {ex.Message}").ConfigureAwait(false);
                logger.Debug("start-up failure", ("error", ex.ToString()));
                return 1;
            }

            var banner = debug
                ? ReattachBanner.CreateText(options.ProviderAddress, protocolVersion, Environment.ProcessId, socketPath)
                : $"1|{protocolVersion}|unix|{socketPath}|grpc|{certificateField}\n";
            stdout.Write(Encoding.UTF8.GetBytes(banner));
            stdout.Flush();
            if (logger.IsEnabled(PluginLogLevel.Debug))
            {
                // Start-up cost as Terraform sees it (process start to handshake), for tuning.
                using var self = System.Diagnostics.Process.GetCurrentProcess();
                logger.Debug(
                    "provider serving",
                    ("address", socketPath),
                    ("protocol_version", protocolVersion),
                    ("tls", tls is not null),
                    ("startup_ms", (long)(DateTime.Now - self.StartTime).TotalMilliseconds),
                    ("startup_cpu_ms", (long)Environment.CpuUsage.TotalTime.TotalMilliseconds));
            }

            var reason = await lifetime.StopRequested.ConfigureAwait(false);
            using var drain = new CancellationTokenSource(s_drainTimeout);
            try
            {
                await server.StopAsync(drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // In-flight calls that outlived the drain were aborted; exiting is what matters.
            }

            logger.Debug("provider stopped", ("reason", reason));
            return 0;
        }
        finally
        {
            UnixSocketPath.TryDelete(socketPath);
        }
    }

    private static void RestrictToOwner(string socketPath)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string NotAPluginMessage(string providerAddress) =>
        $"""
        This program is a Terraform/OpenTofu provider plugin ({providerAddress}).
        It is not meant to be run directly: Terraform or OpenTofu start it themselves when a
        configuration uses the provider.

        To use it, install it where Terraform looks for providers (for example with
        scripts/install-provider, which also prints a dev_overrides snippet for ~/.terraformrc),
        declare it in required_providers and run `terraform init`.
        To debug it, run it with --debug and export the TF_REATTACH_PROVIDERS value it prints.

        """;
}
