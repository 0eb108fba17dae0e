using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Deployment;

/// <summary>
/// The deployments of a host: which version of each process key is latest, which older versions
/// stay loaded for their instances, and when an unused old version is unloaded. Activation is
/// one atomic swap of an immutable map, so a call sees the old version or the new one, never a
/// mix. Camunda's rules: content identical to the latest deployment of the same name activates
/// nothing (resume); changed content activates its new version.
/// </summary>
public sealed class DeploymentRegistry
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<DeployedVersion> _versions = new();
    private readonly ISet<string> _shared;
    private readonly Func<string, IFlowProcess, CancellationToken, ValueTask<bool>>? _healthCheck;
    private ImmutableDictionary<string, DeployedVersion> _latest = ImmutableDictionary.Create<string, DeployedVersion>(StringComparer.Ordinal);
    private long _activations;

    /// <summary>Creates a registry.</summary>
    /// <param name="sharedAssemblies">Assembly names the host shares with flows (Flow.Runtime always is).</param>
    /// <param name="healthCheck">Run per process on a new version before it becomes latest; false or a throw keeps the old one.</param>
    /// <param name="processFactory">Creates process objects (with the host's services); default: parameterless constructor.</param>
    public DeploymentRegistry(
        IEnumerable<string>? sharedAssemblies = null,
        Func<string, IFlowProcess, CancellationToken, ValueTask<bool>>? healthCheck = null,
        Func<Type, IFlowProcess>? processFactory = null)
    {
        ProcessFactory = processFactory ?? (type => (IFlowProcess)Activator.CreateInstance(type)!);
        _shared = new HashSet<string>(sharedAssemblies ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase) { typeof(IFlowProcess).Assembly.GetName().Name! };
        _healthCheck = healthCheck;
    }

    /// <summary>How many unloaded versions per deployment name stay registered for rollback (older ones are forgotten).</summary>
    public int MaxUnloadedHistory { get; init; } = 50;

    /// <summary>Public keys a deployment's manifest must be signed with (none: signatures are not checked).</summary>
    public ManifestTrust ManifestTrust { get; init; } = ManifestTrust.None;

    /// <summary>Creates the process object of a loaded process type.</summary>
    public Func<Type, IFlowProcess> ProcessFactory { get; }

    /// <summary>Every deployment event, in order.</summary>
    public event Action<DeploymentEvent>? Changed;

    /// <summary>A version became latest for its keys (the engine applies instance strategies here).</summary>
    internal event Action<DeployedVersion, DeployedVersion?>? Activated;

    /// <summary>Every version still registered (loaded or unloaded), oldest first.</summary>
    public IReadOnlyList<DeployedVersion> Versions
    {
        get
        {
            lock (_versions)
            {
                return _versions.ToList();
            }
        }
    }

    /// <summary>The latest version of each process key.</summary>
    public IReadOnlyDictionary<string, DeployedVersion> Latest => Volatile.Read(ref _latest);

    /// <summary>Deploys one folder. Returns the version now latest for its name.</summary>
    public async Task<DeployedVersion> DeployAsync(string folder, CancellationToken cancellationToken = default) =>
        (await DeployAllAsync(new[] { folder }, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Deploys several folders, all or none: each is read, verified, loaded and health-checked
    /// before any becomes latest; if one fails, none is activated and what was loaded is unloaded.
    /// </summary>
    public async Task<IReadOnlyList<DeployedVersion>> DeployAllAsync(IReadOnlyList<string> folders, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var loaded = new List<DeployedVersion>();
        try
        {
            var results = new List<DeployedVersion>();
            var manifests = folders.Select(f => (Folder: f, Manifest: ReadReporting(f))).ToList();
            foreach (var (folder, manifest) in manifests)
            {
                var current = LatestOfName(manifest.Name);
                if (current is not null && SameContent(current.Manifest, manifest))
                {
                    Raise(new DeploymentEvent(DeploymentEventKind.Unchanged, manifest.Name, current.Version, folder));
                    results.Add(current);
                    continue;
                }

                if (Find(manifest.Name, manifest.Version) is { } clash && !SameContent(clash.Manifest, manifest))
                {
                    throw Failed(folder, manifest, FlowDeploymentException.UnknownVersion(
                        DeploymentMessages.VersionReused(manifest.Name, manifest.Version)));
                }

                var version = Reporting(folder, manifest, () => DeploymentLoader.Load(folder, manifest, _shared, 0));
                loaded.Add(version);
                await HealthCheckAsync(folder, version, cancellationToken).ConfigureAwait(false);
                results.Add(version);
            }

            foreach (var version in loaded)
            {
                Activate(version);
            }

            loaded.Clear();
            return results;
        }
        finally
        {
            foreach (var version in loaded)
            {
                version.Unload();
            }

            _gate.Release();
            UnloadUnused();
        }
    }

    /// <summary>
    /// Makes an earlier version latest again, as a new activation (history is not edited). Its
    /// folder is loaded again if the version was unloaded.
    /// </summary>
    public async Task<DeployedVersion> RollbackAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var target = Find(name, version) ?? throw FlowDeploymentException.UnknownVersion($"Deployment '{name}' has no version {version} to roll back to.");
            if (target.IsUnloaded)
            {
                var reloaded = DeploymentLoader.Load(target.Folder, ManifestReader.Read(target.Folder), _shared, 0);
                lock (_versions)
                {
                    _versions.Remove(target);
                }

                target = reloaded;
            }

            Activate(target);
            return target;
        }
        finally
        {
            _gate.Release();
            UnloadUnused();
        }
    }

    /// <summary>Removes a deployment's keys from the latest map; its versions unload when unused.</summary>
    public async Task UndeployAsync(string name, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var latest = Volatile.Read(ref _latest);
            var keys = latest.Where(p => p.Value.Name == name).Select(p => p.Key).ToList();
            Volatile.Write(ref _latest, latest.RemoveRange(keys));
            Raise(new DeploymentEvent(DeploymentEventKind.Undeployed, name, LatestVersionNumber(name), null));
        }
        finally
        {
            _gate.Release();
            UnloadUnused();
        }
    }

    /// <summary>
    /// The latest version of <paramref name="key"/>, marked as used: release it with
    /// <see cref="Release"/>. Null when no deployment defines the key.
    /// </summary>
    public DeployedVersion? AcquireLatest(string key)
    {
        while (Volatile.Read(ref _latest).TryGetValue(key, out var version))
        {
            if (version.TryAcquire())
            {
                return version;
            }
        }

        return null;
    }

    /// <summary>A given version, marked as used (loaded again from its folder if it was unloaded).</summary>
    public DeployedVersion? Acquire(string name, int version)
    {
        while (Find(name, version) is { } found)
        {
            if (found.IsUnloaded)
            {
                found = Reload(found);
            }

            if (found.TryAcquire())
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Ends a use; an old version nobody uses is unloaded.</summary>
    public void Release(DeployedVersion version)
    {
        version.Release();
        if (!IsLatest(version))
        {
            UnloadUnused();
        }
    }

    /// <summary>Unloads every version that is not latest for any key and has no user.</summary>
    public void UnloadUnused()
    {
        foreach (var version in Versions.Where(v => !v.IsUnloaded && !IsLatest(v)))
        {
            if (version.TryClaimForUnload())
            {
                version.Unload();
                Raise(new DeploymentEvent(DeploymentEventKind.Unloaded, version.Name, version.Version, version.Folder));
            }
        }

        ForgetOldHistory();
    }

    /// <summary>Keeps the registry from growing with every swap: only the newest unloaded versions stay listed.</summary>
    private void ForgetOldHistory()
    {
        lock (_versions)
        {
            foreach (var name in _versions.Select(v => v.Name).Distinct(StringComparer.Ordinal).ToList())
            {
                var stale = _versions.Where(v => v.Name == name && v.IsUnloaded).OrderByDescending(v => v.Activation).Skip(MaxUnloadedHistory).ToList();
                _versions.RemoveAll(stale.Contains);
            }
        }
    }

    private DeployedVersion Reload(DeployedVersion old)
    {
        lock (_versions)
        {
            if (!old.IsUnloaded)
            {
                return old;
            }

            var fresh = DeploymentLoader.Load(old.Folder, ManifestReader.Read(old.Folder), _shared, old.Activation);
            _versions[_versions.IndexOf(old)] = fresh;
            return fresh;
        }
    }

    private void Activate(DeployedVersion version)
    {
        var latest = Volatile.Read(ref _latest);
        var previous = LatestOfName(version.Name);
        var builder = latest.ToBuilder();
        foreach (var key in version.Keys)
        {
            var unchanged = version.Manifest.Settings.DeployChangedOnly && latest.TryGetValue(key, out var old)
                && old.Manifest.Processes.FirstOrDefault(p => p.Key == key)?.DefinitionHash == version.Manifest.Processes.First(p => p.Key == key).DefinitionHash;
            if (!unchanged)
            {
                builder[key] = version;
            }
        }

        version.Activation = Interlocked.Increment(ref _activations);
        lock (_versions)
        {
            if (!_versions.Contains(version))
            {
                _versions.Add(version);
            }
        }

        Volatile.Write(ref _latest, builder.ToImmutable());
        Raise(new DeploymentEvent(DeploymentEventKind.Activated, version.Name, version.Version, version.Folder));
        Activated?.Invoke(version, previous);
    }

    private async Task HealthCheckAsync(string folder, DeployedVersion version, CancellationToken cancellationToken)
    {
        if (_healthCheck is null)
        {
            return;
        }

        foreach (var key in version.Keys)
        {
            bool healthy;
            Exception? error = null;
            try
            {
                var process = ProcessFactory(version.ProcessType(key)!);
                healthy = await _healthCheck(key, process, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                healthy = false;
                error = ex;
            }

            if (!healthy)
            {
                throw Failed(folder, version.Manifest, FlowDeploymentException.HealthCheckFailed(version.Name, key, error?.Message ?? "it returned false", error));
            }
        }
    }

    private DeploymentManifest ReadReporting(string folder)
    {
        try
        {
            var manifest = ManifestReader.Read(folder);
            ManifestSignature.Verify(folder, manifest, ManifestTrust);
            return manifest;
        }
        catch (FlowDeploymentException ex)
        {
            Raise(new DeploymentEvent(DeploymentEventKind.Failed, folder, 0, folder, ex));
            throw;
        }
    }

    private T Reporting<T>(string folder, DeploymentManifest manifest, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (FlowDeploymentException ex)
        {
            throw Failed(folder, manifest, ex);
        }
    }

    private FlowDeploymentException Failed(string folder, DeploymentManifest manifest, FlowDeploymentException error)
    {
        Raise(new DeploymentEvent(DeploymentEventKind.Failed, manifest.Name, manifest.Version, folder, error));
        return error;
    }

    private static bool SameContent(DeploymentManifest a, DeploymentManifest b) =>
        a.Tenant == b.Tenant
        && a.Files.Select(f => (f.Path, f.Sha256.ToLowerInvariant())).OrderBy(f => f.Path, StringComparer.Ordinal)
            .SequenceEqual(b.Files.Select(f => (f.Path, f.Sha256.ToLowerInvariant())).OrderBy(f => f.Path, StringComparer.Ordinal));

    private DeployedVersion? LatestOfName(string name) =>
        Versions.Where(v => v.Name == name).OrderByDescending(v => v.Activation).FirstOrDefault();

    private int LatestVersionNumber(string name) => LatestOfName(name)?.Version ?? 0;

    private DeployedVersion? Find(string name, int version) =>
        Versions.LastOrDefault(v => v.Name == name && v.Version == version);

    private bool IsLatest(DeployedVersion version) => Volatile.Read(ref _latest).Values.Contains(version);

    private void Raise(DeploymentEvent e) => Changed?.Invoke(e);
}
