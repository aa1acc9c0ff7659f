using Microsoft.Extensions.Logging;

namespace Crd.Terraform.Plugin.Logging;

/// <summary>
/// Routes Kestrel's own logging into <see cref="PluginLogger"/> (stderr, hclog JSON) so that no
/// ASP.NET Core console logger can ever write to stdout. Kestrel's chatty Debug/Information
/// events (one per connection and stream) are demoted to TRACE.
/// </summary>
internal sealed class KestrelLoggerFactory(PluginLogger logger) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new CategoryLogger(logger, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
        // Providers are deliberately not supported: everything goes to PluginLogger.
    }

    public void Dispose()
    {
    }

    private sealed class CategoryLogger(PluginLogger logger, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logger.IsEnabled(Map(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = Map(logLevel);
            if (logLevel == LogLevel.None || !logger.IsEnabled(level))
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is null)
            {
                logger.Write(level, message, ("category", category), ("event", eventId.Name));
            }
            else
            {
                logger.Write(level, message, ("category", category), ("event", eventId.Name), ("error", exception.ToString()));
            }
        }

        private static PluginLogLevel Map(LogLevel level) => level switch
        {
            LogLevel.Warning => PluginLogLevel.Warn,
            LogLevel.Error or LogLevel.Critical => PluginLogLevel.Error,
            _ => PluginLogLevel.Trace,
        };
    }
}
