using System.Collections.Generic;
using System.Threading;

namespace Flow.Compilation;

/// <summary>
/// A source of diagrams' text that changes while the host runs: a watched folder
/// (<see cref="FileSystemContentProvider"/>), a config centre, an admin panel's store.
/// <see cref="ContentDeployer.RunAsync"/> deploys whatever it yields.
/// </summary>
public interface IContentProvider
{
    /// <summary>
    /// Yields the diagrams there are now, then each one that appears or changes, until
    /// <paramref name="cancellationToken"/> is cancelled. Yielding text that did not change is
    /// harmless: identical text deploys nothing new.
    /// </summary>
    IAsyncEnumerable<BpmnContent> WatchAsync(CancellationToken cancellationToken);
}
