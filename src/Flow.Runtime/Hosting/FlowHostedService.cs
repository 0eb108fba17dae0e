using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Flow.Hosting;

/// <summary>Runs the hot deployer for the host's lifetime.</summary>
internal sealed class FlowHostedService(HotDeployer deployer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => deployer.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => deployer.StopAsync(cancellationToken);
}

/// <summary>Runs the deployment log follower for the host's lifetime (started before the hot deployer).</summary>
internal sealed class DeploymentLogFollowerService(DeploymentLogFollower follower) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => follower.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => follower.StopAsync(cancellationToken);
}
