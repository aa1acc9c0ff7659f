using System.Net;
using Crd.Simulator.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crd.Simulator.Hosting;

/// <summary>Builds and starts the Kestrel host, bound to 127.0.0.1 only.</summary>
public static class SimHost
{
    /// <summary>
    /// Starts the simulator on <paramref name="port"/> (0 = a free port) and returns the running
    /// application and its base URL.
    /// </summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(SimRuntime runtime, int port, LogLevel logLevel,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(logLevel);
        // stdout carries the start-up report; logs go to stderr.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // Start-up failures (port in use) are reported by the CLI in one line, not as a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o =>
            o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(runtime.Errors);
        builder.Services.AddRouting();

        var app = builder.Build();
        app.UseMiddleware<Admin.RequestStatsMiddleware>();
        app.UseMiddleware<ErrorMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseMiddleware<SiteGateMiddleware>();
        app.UseRouting();
        foreach (var module in runtime.Modules)
        {
            module.MapRoutes(app, runtime);
        }
        app.MapFallback((HttpContext _) => Task.FromException(ApiException.NotFound("The resource could not be found.")));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address");
        return (app, address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
    }
}
