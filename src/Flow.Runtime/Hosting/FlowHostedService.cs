using System.Threading;
using System.Threading.Tasks;
using Flow.Jobs;
using Microsoft.Extensions.Hosting;

namespace Flow.Hosting;

/// <summary>
/// Runs the runtime's background work for the host's lifetime: the hot deployer (with a
/// deployment root) first, so versions are loaded before their jobs run, then the job runner
/// (when the store keeps jobs and <see cref="FlowRuntimeOptions.RunJobs"/> is set). One hosted
/// service, started and stopped in that order (stopped in reverse).
/// </summary>
internal sealed class FlowHostedService(HotDeployer? deployer, JobRunner? runner) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (deployer is not null)
        {
            await deployer.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        if (runner is not null)
        {
            await runner.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (runner is not null)
        {
            await runner.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        if (deployer is not null)
        {
            await deployer.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Runs the deployment log follower for the host's lifetime (started before the hot deployer).</summary>
internal sealed class DeploymentLogFollowerService(DeploymentLogFollower follower) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => follower.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => follower.StopAsync(cancellationToken);
}
