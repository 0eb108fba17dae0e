using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Deployment.Storage;

/// <summary>
/// An <see cref="IDeploymentStore"/> in memory: for tests, and for several registries in one
/// process (thread-safe; bytes are copied in and out, so nobody shares arrays with it). File
/// bytes are kept once per SHA-256, as a database keeps them.
/// </summary>
public sealed class InMemoryDeploymentStore : IDeploymentStore, IDeploymentChangeSignal
{
    private readonly object _lock = new();
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, int Version), (string Manifest, Dictionary<string, string> Files)> _versions = new();
    private readonly List<DeploymentAction> _log = new();
    private readonly TimeProvider _time;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Creates an empty store.</summary>
    public InMemoryDeploymentStore(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>How many distinct file contents the store holds (content addressing: one per SHA-256).</summary>
    public int BlobCount
    {
        get
        {
            lock (_lock)
            {
                return _blobs.Count;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Content identical to a stored (name, version) whose log entry is still the latest of its
    /// name (deployed or rolled back to) appends nothing and returns that entry (Camunda's resume:
    /// the same content deployed twice is one deployment).
    /// </remarks>
    public ValueTask<DeploymentAction> SaveAsync(StoredDeployment deployment, string? node = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        cancellationToken.ThrowIfCancellationRequested();
        var files = deployment.Files.ToDictionary(f => f.Key, f => (Bytes: f.Value.ToArray(), Sha: Sha256(f.Value)), StringComparer.Ordinal);
        var hashes = files.ToDictionary(f => f.Key, f => f.Value.Sha, StringComparer.Ordinal);
        lock (_lock)
        {
            var key = (deployment.Name, deployment.Version);
            if (_versions.TryGetValue(key, out var stored))
            {
                if (!SameContent(stored, deployment.ManifestJson, hashes))
                {
                    throw FlowDeploymentException.StoredVersionConflict(deployment.Name, deployment.Version);
                }

                var latest = _log.LastOrDefault(a => a.Name == deployment.Name);
                if (latest is not null && latest.Kind != DeploymentActionKind.Undeployed && latest.Version == deployment.Version)
                {
                    return ValueTask.FromResult(latest);
                }
            }
            else
            {
                foreach (var (_, (bytes, sha)) in files)
                {
                    _blobs.TryAdd(sha, bytes);
                }

                _versions[key] = (deployment.ManifestJson, hashes);
            }

            return ValueTask.FromResult(AppendLocked(DeploymentActionKind.Deployed, deployment.Name, deployment.Version, node));
        }
    }

    /// <inheritdoc/>
    public ValueTask<DeploymentAction> AppendAsync(DeploymentActionKind kind, string name, int version, string? node = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult(AppendLocked(kind, name, version, node));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<DeploymentAction>> ActionsAsync(long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<DeploymentAction>>(_log.Where(a => a.Sequence > afterSequence).ToList());
        }
    }

    /// <inheritdoc/>
    public ValueTask<StoredDeployment?> LoadAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_versions.TryGetValue((name, version), out var stored))
            {
                return ValueTask.FromResult<StoredDeployment?>(null);
            }

            var files = stored.Files.ToDictionary(f => f.Key, f => _blobs[f.Value].ToArray(), StringComparer.Ordinal);
            return ValueTask.FromResult<StoredDeployment?>(new StoredDeployment(name, version, stored.Manifest, files));
        }
    }

    /// <summary>Completes when an entry is appended after this call (a log follower's wake-up signal, see <c>DeploymentLogFollower</c>).</summary>
    public Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        Task signal;
        lock (_lock)
        {
            signal = _changed.Task;
        }

        return signal.WaitAsync(cancellationToken);
    }

    private DeploymentAction AppendLocked(DeploymentActionKind kind, string name, int version, string? node)
    {
        var action = new DeploymentAction(_log.Count + 1, kind, name, version, _time.GetUtcNow(), node);
        _log.Add(action);
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
        return action;
    }

    private static bool SameContent((string Manifest, Dictionary<string, string> Files) stored, string manifest, Dictionary<string, string> hashes) =>
        stored.Manifest == manifest && stored.Files.Count == hashes.Count
        && stored.Files.All(f => hashes.TryGetValue(f.Key, out var sha) && sha == f.Value);

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
