using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Hosting;

/// <summary>
/// Tells the hot deployer which deployment folders may have changed. The file system is the
/// first source; a config centre or a database implements the same interface.
/// </summary>
public interface IChangeDetector : IAsyncDisposable
{
    /// <summary>Starts watching; <paramref name="changed"/> gets the folders to (re)deploy, in batches.</summary>
    Task StartAsync(Func<IReadOnlyList<string>, CancellationToken, Task> changed, CancellationToken cancellationToken);

    /// <summary>
    /// Starts watching and reports each error of watching to <paramref name="failed"/> (the
    /// folder, or null for the whole source) instead of stopping: a detector keeps watching.
    /// </summary>
    Task StartAsync(Func<IReadOnlyList<string>, CancellationToken, Task> changed, Action<string?, Exception> failed, CancellationToken cancellationToken) =>
        StartAsync(changed, cancellationToken);

    /// <summary>Stops watching.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
