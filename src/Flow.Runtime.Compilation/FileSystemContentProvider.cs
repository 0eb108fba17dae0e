using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Compilation;

/// <summary>
/// Watches a folder for <c>*.bpmn</c> files (not its sub-folders): each file is a diagram whose key
/// is its name (<c>order.bpmn</c> → <c>order</c>). A file system watcher wakes it at once; a scan
/// every <see cref="PollInterval"/> catches what a watcher misses (network shares, containers).
/// A file being written is read again on its next change, so a half-written file that fails to
/// compile is followed by the complete one. Deleting a file undeploys nothing. A signature of a
/// diagram (for a host that requires signed content) is the file beside it with <c>.sig</c> added
/// (<c>order.bpmn.sig</c>, <see cref="ContentSignature.Sign"/>); a change to it is a change too.
/// </summary>
public sealed class FileSystemContentProvider : IContentProvider
{
    private readonly string _folder;

    /// <summary>Watches <paramref name="folder"/>.</summary>
    public FileSystemContentProvider(string folder) => _folder = Path.GetFullPath(folder ?? throw new ArgumentNullException(nameof(folder)));

    /// <summary>How often the folder is scanned besides the watcher's events (default 2 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public async IAsyncEnumerable<BpmnContent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var wake = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(_folder, "*.bpmn") { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
        FileSystemEventHandler changed = (_, _) => Wake(wake);
        watcher.Created += changed;
        watcher.Changed += changed;
        watcher.Renamed += (_, _) => Wake(wake);
        watcher.EnableRaisingEvents = true;
        using var signatureWatcher = new FileSystemWatcher(_folder, "*.bpmn.sig") { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
        signatureWatcher.Created += changed;
        signatureWatcher.Changed += changed;
        signatureWatcher.EnableRaisingEvents = true;

        var seen = new Dictionary<string, (DateTime Written, long Length, DateTime SignatureWritten)>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var path in Directory.EnumerateFiles(_folder, "*.bpmn"))
            {
                var info = new FileInfo(path);
                var signatureInfo = new FileInfo(path + ".sig");
                var stamp = (info.LastWriteTimeUtc, info.Length, signatureInfo.Exists ? signatureInfo.LastWriteTimeUtc : DateTime.MinValue);
                if (seen.TryGetValue(path, out var known) && known == stamp)
                {
                    continue;
                }

                string text;
                string? signature;
                try
                {
                    text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
                    signature = signatureInfo.Exists ? await File.ReadAllTextAsync(signatureInfo.FullName, cancellationToken).ConfigureAwait(false) : null;
                }
                catch (IOException)
                {
                    continue;   // being written or gone: the next change or scan reads it
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                seen[path] = stamp;
                yield return new BpmnContent(ContentDeployer.KeyOfFile(path), text) { Origin = path, Signature = signature };
            }

            try
            {
                await wake.WaitAsync(PollInterval, cancellationToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);   // let a writer finish
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static void Wake(SemaphoreSlim wake)
    {
        try
        {
            wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // the watch ended
        }
    }
}
