using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Crd.Terraform.Plugin.Grpc.Controller;
using Grpc.Core;
using Grpc.Net.Client;

namespace Crd.Terraform.Testing.Transport;

/// <summary>
/// A provider process launched exactly as Terraform launches one (go-plugin client,
/// protocol.md §1): Terraform's environment, a P-521 AutoMTLS client certificate, the
/// handshake line validated, the unix socket dialled with TLS pinned to the advertised
/// certificate, ALPN h2, HTTP/2. Calls go through grpc-dotnet (<see cref="Channel"/>, Grpc.Net.Client),
/// an implementation independent of the SDK's hand-written server; <see cref="CallRawAsync"/>
/// keeps a raw HTTP/2 path, over the same connection, for tests that send malformed frames.
/// </summary>
public sealed partial class PluginProcess : IAsyncDisposable
{
    // The socket of a plugin whose handshake line we refused (it serves there all the same).
    private string? _refusedSocketPath;
    private const string MagicCookieValue = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

    private readonly Process _process;
    private readonly List<string> _stderr = [];
    private readonly List<string> _extraStdout = [];
    private readonly Task _stderrPump;
    private readonly X509Certificate2? _clientCertificate;
    private HttpClient? _http;
    private GrpcChannel? _channel;
    private Task? _stdoutPump;
    private Stopwatch? _sinceShutdown;
    private TimeSpan? _exitAfterShutdown;
    private int _connections;

    private PluginProcess(Process process, X509Certificate2? clientCertificate)
    {
        _process = process;
        _clientCertificate = clientCertificate;
        _stderrPump = PumpAsync(process.StandardError, _stderr);
    }

    /// <summary>The validated handshake (null when started with <see cref="PluginLaunchOptions.ExpectHandshake"/> false).</summary>
    public PluginHandshake? Handshake { get; private set; }

    /// <summary>The negotiated plugin protocol version (5 or 6).</summary>
    public int ProtocolVersion => Handshake?.ProtocolVersion ?? 0;

    /// <summary>The unix socket path the plugin listens on.</summary>
    public string SocketPath => Handshake?.Address ?? _refusedSocketPath ?? string.Empty;

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary><see cref="Stopwatch.GetTimestamp"/> taken just before the process was started.</summary>
    public long StartTimestamp { get; private set; }

    /// <summary>Time from just before process start to the handshake line being read.</summary>
    public TimeSpan TimeToHandshake { get; private set; }

    /// <summary>Stderr lines so far (a snapshot).</summary>
    public IReadOnlyList<string> StderrLines
    {
        get
        {
            lock (_stderr)
            {
                return [.. _stderr];
            }
        }
    }

    /// <summary>Stdout lines after the handshake (go-plugin drains and discards them).</summary>
    public IReadOnlyList<string> ExtraStdoutLines
    {
        get
        {
            lock (_extraStdout)
            {
                return [.. _extraStdout];
            }
        }
    }

    /// <summary>How many connections the client opened to the plugin (go-plugin keeps one for the plugin's lifetime).</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>The exit code once the process has exited.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Launches the provider and waits for its handshake line.</summary>
    public static async Task<PluginProcess> StartAsync(PluginLaunchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var advertised = options.UseTls ? GoPluginClientCertificate.Create() : null;
        var presented = options.ClientCertificate switch
        {
            ClientCertificateChoice.Advertised => advertised,
            ClientCertificateChoice.Foreign => GoPluginClientCertificate.Create(),
            _ => null,
        };

        var startInfo = CreateStartInfo(options, advertised);
        var stopwatch = Stopwatch.StartNew();
        var startTimestamp = Stopwatch.GetTimestamp();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned null");
        var plugin = new PluginProcess(process, presented) { StartTimestamp = startTimestamp };
        if (!options.ExpectHandshake)
        {
            plugin._stdoutPump = PumpAsync(process.StandardOutput, plugin._extraStdout);
            return plugin;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PluginStartException($"timeout while waiting for the plugin to start ({options.StartTimeout})", plugin.StderrLines);
            }

            plugin.TimeToHandshake = stopwatch.Elapsed;
            if (line is null)
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                await plugin._stderrPump.ConfigureAwait(false);
                throw new PluginStartException($"plugin exited before we could connect (exit code {process.ExitCode})", plugin.StderrLines);
            }

            var offered = ParseOffered(options.OfferedProtocolVersions);
            PluginHandshake handshake;
            try
            {
                handshake = PluginHandshake.Parse(line, offered);
            }
            catch (FormatException ex)
            {
                var fields = line.Split('|');
                plugin._refusedSocketPath = fields.Length > 3 && fields[2] == "unix" && fields[3].StartsWith('/') ? fields[3] : null;
                throw new PluginStartException(ex.Message, plugin.StderrLines);
            }

            // Known from here on, so that disposing a plugin refused below removes its socket.
            plugin.Handshake = handshake;
            if (options.UseTls && handshake.ServerCertificateDer is null)
            {
                // go-plugin's client would attempt TLS without a root and fail (protocol.md §1.5).
                throw new PluginStartException("AutoMTLS was requested but the plugin advertised no certificate", plugin.StderrLines);
            }

            if (!options.UseTls && handshake.ServerCertificateDer is not null)
            {
                // go-plugin's client dereferences a nil TLS config here and panics.
                throw new PluginStartException("the plugin advertised a certificate although PLUGIN_CLIENT_CERT was not set", plugin.StderrLines);
            }

            if (handshake.Network != "unix")
            {
                throw new PluginStartException($"expected a unix socket, got {handshake.Network}", plugin.StderrLines);
            }

            plugin._stdoutPump = PumpAsync(process.StandardOutput, plugin._extraStdout);
            (plugin._http, plugin._channel) = CreateClients(handshake, options.UseTls, presented, () => Interlocked.Increment(ref plugin._connections));
            return plugin;
        }
        catch
        {
            await plugin.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Calls <c>plugin.GRPCController/Shutdown</c> as go-plugin's <c>Kill()</c> does and waits
    /// (up to 10 s) for the process to exit; check <see cref="ExitedWithin"/> afterwards.
    /// </summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        _sinceShutdown = Stopwatch.StartNew();
        try
        {
            await new GRPCController.GRPCControllerClient(Channel).ShutdownAsync(new Empty(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // go-plugin ignores the result too; the process may already be closing the connection.
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            _exitAfterShutdown = _sinceShutdown.Elapsed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Whether the process exited within <paramref name="limit"/> of the Shutdown call
    /// (go-plugin kills plugins that take longer than 2 s and logs "plugin failed to exit gracefully").
    /// </summary>
    public bool ExitedWithin(TimeSpan limit) => _exitAfterShutdown is { } elapsed && elapsed <= limit;

    /// <summary>Waits for the process to exit; false if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            await _stderrPump.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Sends a POSIX signal to the process by name (e.g. <c>INT</c>, <c>TERM</c>) with kill(1).</summary>
    public async Task SendSignalAsync(string signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start kill");
        await kill.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {_process.Id} failed with {kill.ExitCode}");
        }
    }

    /// <summary>Kills the process if it is still running and releases the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        _channel?.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }

            // A plugin killed here or by a test's signal cannot remove its unix socket: whoever
            // kills it must (a test run left one per killed provider in TMPDIR). Tests of the
            // plugin's own clean-up assert on the socket before disposing.
            if (SocketPath.Length > 0)
            {
                File.Delete(SocketPath);
            }
        }
        catch (InvalidOperationException)
        {
        }

        try
        {
            await _stderrPump.ConfigureAwait(false);
            if (_stdoutPump is not null)
            {
                await _stdoutPump.ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
        }

        _process.Dispose();
        _clientCertificate?.Dispose();
    }

    private static ProcessStartInfo CreateStartInfo(PluginLaunchOptions options, X509Certificate2? advertised)
    {
        var isDll = options.ExecutablePath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var startInfo = new ProcessStartInfo(isDll ? "dotnet" : options.ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (isDll)
        {
            startInfo.ArgumentList.Add("exec");
            startInfo.ArgumentList.Add(options.ExecutablePath);
        }

        foreach (var argument in options.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // go-plugin's client.go: cookie, port range (0/0 from Terraform), offered versions,
        // and the client certificate PEM when AutoMTLS is on.
        var env = startInfo.Environment;
        foreach (var name in new[] { "TF_PLUGIN_MAGIC_COOKIE", "PLUGIN_PROTOCOL_VERSIONS", "PLUGIN_CLIENT_CERT", "PLUGIN_MULTIPLEX_GRPC", "TF_REATTACH_PROVIDERS" })
        {
            env.Remove(name);
        }

        if (options.SetMagicCookie)
        {
            env["TF_PLUGIN_MAGIC_COOKIE"] = MagicCookieValue;
        }

        env["PLUGIN_MIN_PORT"] = "0";
        env["PLUGIN_MAX_PORT"] = "0";
        if (options.OfferedProtocolVersions is not null)
        {
            env["PLUGIN_PROTOCOL_VERSIONS"] = options.OfferedProtocolVersions;
        }

        if (advertised is not null)
        {
            env["PLUGIN_CLIENT_CERT"] = advertised.ExportCertificatePem();
        }

        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                env.Remove(name);
            }
            else
            {
                env[name] = value;
            }
        }

        return startInfo;
    }

    private static int[] ParseOffered(string? offered) =>
        string.IsNullOrWhiteSpace(offered)
            ? [5, 6]
            : offered.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static (HttpClient Raw, GrpcChannel Channel) CreateClients(PluginHandshake handshake, bool useTls, X509Certificate2? clientCertificate, Action onConnect)
    {
        var socketPath = handshake.Address;
        var serverDer = handshake.ServerCertificateDer;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                onConnect();
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            InitialHttp2StreamWindowSize = 16 << 20,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (useTls)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                // go-plugin: ServerName "localhost", MinVersion TLS 1.2, RootCAs = {advertised cert}.
                TargetHost = "localhost",
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate!,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && serverDer is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(serverDer),
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            };
        }

        // One handler, so one connection, shared by the channel and the raw client (go-plugin
        // keeps a single connection for the plugin's lifetime). The channel owns the handler.
        var address = new Uri(useTls ? "https://localhost/" : "http://localhost/");
        var raw = new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            // go-plugin's client: math.MaxInt32 both ways (grpc-dotnet defaults to 4 MB received).
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
            // The harness cancels with tokens and expects OperationCanceledException, as before.
            ThrowOperationCanceledOnCancellation = true,
        });
        return (raw, channel);
    }

    private static async Task PumpAsync(StreamReader reader, List<string> lines)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }
}
