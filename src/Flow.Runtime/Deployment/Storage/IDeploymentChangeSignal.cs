using System.Threading;
using System.Threading.Tasks;

namespace Flow.Deployment.Storage;

/// <summary>
/// Optional on an <see cref="IDeploymentStore"/>: a wake-up signal for log followers, so a new
/// entry is applied at once instead of at the next poll (in memory: a completed task; PostgreSQL:
/// LISTEN/NOTIFY). Polling stays the fallback: a missed or failed signal only delays.
/// </summary>
public interface IDeploymentChangeSignal
{
    /// <summary>Completes when the log may have grown after this call (also spuriously); cancellable.</summary>
    Task WaitForChangeAsync(CancellationToken cancellationToken);
}
