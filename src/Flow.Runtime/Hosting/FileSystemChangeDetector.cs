using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;

namespace Flow.Hosting;

/// <summary>
/// Watches a root folder whose sub-folders are deployment folders. Changes are debounced: a
/// folder is reported once nothing in it changed for <see cref="Quiet"/>, and only when its
/// manifest (the commit point, written last) exists. A half-copied folder is thus never
/// reported, and one whose files do not match the manifest is refused by the registry anyway.
/// A periodic scan backs the file system watcher up (watchers drop events under load).
/// </summary>
public sealed class FileSystemChangeDetector : IChangeDetector
{
    private readonly string _root;
    private readonly Dictionary<string, DateTime> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _seen = new(StringComparer.Ordinal);
    private FileSystemWatcher? _watcher;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    /// <summary>Watches <paramref name="root"/>.</summary>
    public FileSystemChangeDetector(string root, TimeSpan? quiet = null, TimeSpan? scanInterval = null)
    {
        _root = Path.GetFullPath(root);
        Quiet = quiet ?? TimeSpan.FromMilliseconds(300);
        ScanInterval = scanInterval ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>How long a folder must stay unchanged before it is reported.</summary>
    public TimeSpan Quiet { get; }

    /// <summary>How often the folder is scanned besides the watcher's events.</summary>
    public TimeSpan ScanInterval { get; }

    /// <inheritdoc/>
    public Task StartAsync(Func<IReadOnlyList<string>, CancellationToken, Task> changed, CancellationToken cancellationToken) =>
        StartAsync(changed, (_, _) => { }, cancellationToken);

    /// <inheritdoc/>
    public Task StartAsync(Func<IReadOnlyList<string>, CancellationToken, Task> changed, Action<string?, Exception> failed, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        _stop = new CancellationTokenSource();
        _watcher = new FileSystemWatcher(_root) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        _watcher.Changed += (_, e) => Touch(e.FullPath);
        _watcher.Created += (_, e) => Touch(e.FullPath);
        _watcher.Renamed += (_, e) => Touch(e.FullPath);
        Scan(failed);
        _loop = Task.Run(() => LoopAsync(changed, failed, _stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        _watcher = null;
        if (_stop is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        // Idempotent: the hot deployer and the container that built it both dispose the detector.
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stop?.Dispose();
        _stop = null;
    }

    private async Task LoopAsync(Func<IReadOnlyList<string>, CancellationToken, Task> changed, Action<string?, Exception> failed, CancellationToken cancellationToken)
    {
        var lastScan = DateTime.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(20, Quiet.TotalMilliseconds / 3)), cancellationToken).ConfigureAwait(false);
                if (DateTime.UtcNow - lastScan > ScanInterval)
                {
                    Scan(failed);
                    lastScan = DateTime.UtcNow;
                }

                var ready = Ready();
                if (ready.Count > 0)
                {
                    await changed(ready, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One bad round must not end the watching: report it and go on.
                Report(failed, null, ex);
            }
        }
    }

    private static void Report(Action<string?, Exception> failed, string? folder, Exception error)
    {
        try
        {
            failed(folder, error);
        }
        catch (Exception)
        {
            // a failing reporter must not stop the watching either
        }
    }

    /// <summary>Folders quiet for long enough and holding a manifest.</summary>
    private List<string> Ready()
    {
        lock (_pending)
        {
            var now = DateTime.UtcNow;
            var ready = _pending.Where(p => now - p.Value >= Quiet).Select(p => p.Key).OrderBy(p => p, StringComparer.Ordinal).ToList();
            foreach (var folder in ready)
            {
                _pending.Remove(folder);
            }

            return ready.Where(f => File.Exists(Path.Combine(f, DeploymentManifest.FileName))).ToList();
        }
    }

    /// <summary>Notes new or rewritten manifests the watcher may have missed; a folder that cannot be read is reported, the others are still scanned.</summary>
    private void Scan(Action<string?, Exception> failed)
    {
        string[] folders;
        try
        {
            folders = Directory.Exists(_root) ? Directory.GetDirectories(_root) : Array.Empty<string>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Report(failed, _root, ex);
            return;
        }

        foreach (var folder in folders)
        {
            DateTime written;
            try
            {
                var manifest = Path.Combine(folder, DeploymentManifest.FileName);
                written = File.Exists(manifest) ? File.GetLastWriteTimeUtc(manifest) : DateTime.MinValue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Report(failed, folder, ex);
                continue;
            }

            lock (_pending)
            {
                if (written != DateTime.MinValue && (!_seen.TryGetValue(folder, out var last) || last != written))
                {
                    _seen[folder] = written;
                    _pending[folder] = _pending.TryGetValue(folder, out var pending) ? pending : DateTime.UtcNow - Quiet;
                }
            }
        }
    }

    private void Touch(string path)
    {
        var relative = Path.GetRelativePath(_root, path);
        var first = relative.Split(Path.DirectorySeparatorChar)[0];
        if (first is "." or ".." || first.Length == 0)
        {
            return;
        }

        lock (_pending)
        {
            _pending[Path.Combine(_root, first)] = DateTime.UtcNow;
        }
    }
}
