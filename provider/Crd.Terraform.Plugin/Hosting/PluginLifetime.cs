using Crd.Terraform.Plugin.Logging;

namespace Crd.Terraform.Plugin.Hosting;

/// <summary>One-shot "please stop" signal shared by GRPCController.Shutdown and the signal handlers.</summary>
internal sealed class PluginLifetime(Action? onStopRequested, PluginLogger logger)
{
    private readonly TaskCompletionSource<string> _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the reason once a stop was requested.</summary>
    public Task<string> StopRequested => _stop.Task;

    public void RequestStop(string reason)
    {
        if (!_stop.TrySetResult(reason))
        {
            return;
        }

        logger.Debug("provider stop requested", ("reason", reason));
        try
        {
            onStopRequested?.Invoke();
        }
        catch (Exception ex)
        {
            logger.Error("OnStopRequested hook failed", ("error", ex.ToString()));
        }
    }
}
