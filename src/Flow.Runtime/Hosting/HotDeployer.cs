using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flow.Hosting;

/// <summary>
/// Deploys what a change detector reports, with start and stop. Whatever goes wrong with one
/// folder (a bad manifest, a locked file, a bug) is a Failed event with a FLOW6xxx id and a log
/// entry; the previous version stays live, nothing running is lost, and the deployer keeps
/// watching. It logs every deployment event of the registry.
/// </summary>
public sealed class HotDeployer : IAsyncDisposable
{
    private readonly FlowEngine _engine;
    private readonly IChangeDetector _detector;
    private readonly ILogger _logger;

    /// <summary>Creates a hot deployer.</summary>
    public HotDeployer(FlowEngine engine, IChangeDetector detector, ILogger<HotDeployer>? logger = null)
    {
        _engine = engine;
        _detector = detector;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        engine.Registry.Changed += Log;
    }

    /// <summary>Starts watching.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _detector.StartAsync(DeployAsync, WatchFailed, cancellationToken);

    /// <summary>Stops watching.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _detector.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _engine.Registry.Changed -= Log;
        await _detector.DisposeAsync().ConfigureAwait(false);
    }

    private async Task DeployAsync(IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        // One folder at a time: a broken folder must not hold back the good ones beside it.
        foreach (var folder in folders)
        {
            try
            {
                await _engine.DeployAsync(new[] { folder }, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;   // stopping
            }
            catch (FlowDeploymentException)
            {
                // The registry reported it as a Failed event (logged below).
            }
            catch (Exception ex)
            {
                // Not from the registry (an instance strategy, a store): report it the same way.
                _engine.Registry.ReportFailure(folder, FlowDeploymentException.Unexpected(folder, ex));
            }
        }
    }

    private void WatchFailed(string? folder, Exception error) =>
        _engine.Registry.ReportFailure(folder, error as FlowDeploymentException ?? FlowDeploymentException.WatchFailed(folder, error));

    private void Log(DeploymentEvent e)
    {
        switch (e.Kind)
        {
            case DeploymentEventKind.Failed:
                _logger.LogError(e.Error, "Deployment {Name} v{Version} from {Folder} failed ({Id}): {Reason}", e.Name, e.Version, e.Folder, (e.Error as FlowDeploymentException)?.Id, e.Error?.Message);
                break;
            case DeploymentEventKind.Unloaded:
                _logger.LogInformation("Unloaded {Name} v{Version}", e.Name, e.Version);
                break;
            default:
                _logger.LogInformation("{Kind} {Name} v{Version}", e.Kind, e.Name, e.Version);
                break;
        }
    }
}
