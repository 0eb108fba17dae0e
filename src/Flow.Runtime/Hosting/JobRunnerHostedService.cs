using System.Threading;
using System.Threading.Tasks;
using Flow.Jobs;
using Microsoft.Extensions.Hosting;

namespace Flow.Hosting;

/// <summary>Runs the job runner for the host's lifetime (registered when the instance store is also a job store).</summary>
internal sealed class JobRunnerHostedService(JobRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runner.StopAsync(cancellationToken);
}
