using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment.Storage;
using Flow.Hosting;

namespace Flow.Deployment;

/// <summary>
/// The deployments of a host: which version of each process key is latest, which older versions
/// stay loaded for their instances, and when an unused old version is unloaded. Activation is
/// one atomic swap of an immutable map, so a call sees the old version or the new one, never a
/// mix. Camunda's rules: content identical to the live deployment of the same name activates
/// nothing (resume); changed content activates its new version.
/// </summary>
/// <remarks>
/// Two locks. The async gate orders deploy, rollback and undeploy (one at a time, with their
/// instance strategies). The monitor on <c>_versions</c> makes "publish as latest" and "claim
/// for unloading" mutually exclusive: a version is claimed only while it is not latest, and a
/// claimed version is never published (a fresh copy loaded from its bytes is published
/// instead), so latest is never an unloaded version and acquiring it needs no retry loop.
/// </remarks>
public sealed partial class DeploymentRegistry
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<DeployedVersion> _versions = new();
    private readonly HashSet<string> _undeployed = new(StringComparer.Ordinal);
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
        var create = processFactory ?? (type => (IFlowProcess)Activator.CreateInstance(type)!);
        ProcessFactory = type => WithHandlerServices(create(type));
        MakesProcessObjects = processFactory is null;
        _shared = new HashSet<string>(sharedAssemblies ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase) { typeof(IFlowProcess).Assembly.GetName().Name! };
        _healthCheck = healthCheck;
    }

    /// <summary>How many unloaded versions per deployment name stay registered for rollback (older ones are forgotten, with their bytes).</summary>
    public int MaxUnloadedHistory { get; init; } = 50;

    /// <summary>Public keys a deployment's manifest must be signed with (none: signatures are not checked).</summary>
    public ManifestTrust ManifestTrust { get; init; } = ManifestTrust.None;

    /// <summary>
    /// Asked when <see cref="ManifestTrust"/> requires signed manifests and a deployment's manifest
    /// is not signed: it may vouch for the deployment's (hash-checked) files by other means, or
    /// refuse it with a <see cref="FlowDeploymentException"/>; false leaves the refusal to FLOW6030.
    /// Flow.Runtime.Compilation's content deployer sets it: a content version is trusted when each
    /// diagram's text carries a valid signature by a trusted key and the assembly is what those
    /// texts compile to.
    /// </summary>
    public UnsignedDeploymentVerifier? UnsignedDeploymentVerifier { get; set; }

    /// <summary>Creates the process object of a loaded process type.</summary>
    public Func<Type, IFlowProcess> ProcessFactory { get; }

    /// <summary>
    /// Whether <see cref="ProcessFactory"/> only constructs the type (the default factory, or
    /// AddFlowRuntime's constructor injection), so an engine may reuse one object of a type that
    /// declares no instance field; false for a factory given by the user, which may configure
    /// each object it makes.
    /// </summary>
    internal bool MakesProcessObjects { get; init; }

    /// <summary>Every deployment event, in order.</summary>
    public event Action<DeploymentEvent>? Changed;

    /// <summary>
    /// Awaited after every activation (deploy, rollback, redeploy), inside the gate, with the keys
    /// the version became latest for: the engine applies each key's instance strategy here (one
    /// engine per registry: the engine created last sets it).
    /// </summary>
    internal Func<DeployedVersion, IReadOnlyList<string>, CancellationToken, Task>? ActivatedAsync { get; set; }

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

    /// <summary>The latest version of each process key deployed without tenant (shared by all tenants); <see cref="LatestFor"/> gives a tenant's view.</summary>
    public IReadOnlyDictionary<string, DeployedVersion> Latest => SharedLatest();

    /// <summary>Deploys one folder. Returns the version now latest for its name.</summary>
    public async Task<DeployedVersion> DeployAsync(string folder, CancellationToken cancellationToken = default) =>
        (await DeployAllAsync(new[] { folder }, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Deploys several folders, all or none: each is read, its files captured and verified,
    /// loaded and health-checked before any becomes latest; if one fails, none is activated and
    /// what was loaded is unloaded. Every failure is a <see cref="FlowDeploymentException"/>
    /// with a FLOW6xxx id and a <see cref="DeploymentEventKind.Failed"/> event. With a
    /// <see cref="DeploymentStore"/>, each version that goes live is saved to it (and its log)
    /// after it was verified, loaded and health-checked and before it goes live here.
    /// </summary>
    public Task<IReadOnlyList<DeployedVersion>> DeployAllAsync(IReadOnlyList<string> folders, CancellationToken cancellationToken = default) =>
        GatedAsync(ct => DeployLockedAsync(folders.Select(f => (DeploymentSource)new FolderSource(f)).ToList(), fromLog: false, ct), cancellationToken);

    /// <summary>Deploys a version from stored content (manifest text and file bytes) exactly as a folder is deployed.</summary>
    public async Task<DeployedVersion> DeployAsync(StoredDeployment deployment, CancellationToken cancellationToken = default) =>
        (await DeployAllAsync(new[] { deployment }, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Deploys stored versions, all or none, with the same rules, checks and events as
    /// <see cref="DeployAllAsync(IReadOnlyList{string}, CancellationToken)"/>: the manifest text
    /// is parsed and validated, its signature checked over its exact bytes when trust is
    /// configured (the detached signature is the file named <see cref="ManifestSignature.FileName"/>),
    /// and every listed file's bytes must match the manifest before anything loads.
    /// </summary>
    public Task<IReadOnlyList<DeployedVersion>> DeployAllAsync(IReadOnlyList<StoredDeployment> deployments, CancellationToken cancellationToken = default) =>
        GatedAsync(ct => DeployLockedAsync(deployments.Select(d => (DeploymentSource)new StoredSource(d)).ToList(), fromLog: false, ct), cancellationToken);

    /// <summary>
    /// Makes an earlier version latest again, as a new activation (history is not edited). An
    /// unloaded version is loaded again from the bytes it captured at deploy time (verified
    /// again), never from its folder, which may hold other content by now. With a
    /// <see cref="DeploymentStore"/>, a version this node does not hold is loaded from the store,
    /// and the rollback is appended to the store's log before it takes effect here.
    /// </summary>
    public Task<DeployedVersion> RollbackAsync(string name, int version, CancellationToken cancellationToken = default) =>
        GatedAsync(ct => RollbackLockedAsync(name, version, fromLog: false, ct), cancellationToken);

    /// <summary>
    /// Removes a deployment's keys from the latest map; its versions unload when unused. Deploying
    /// it again activates it again. With a <see cref="DeploymentStore"/>, the undeploy is appended
    /// to the store's log first.
    /// </summary>
    public Task UndeployAsync(string name, CancellationToken cancellationToken = default) =>
        GatedAsync(ct => UndeployLockedAsync(name, fromLog: false, ct), cancellationToken);

    /// <summary>
    /// The latest version of <paramref name="key"/>, marked as used: release it with
    /// <see cref="Release"/>. Null when no deployment defines the key. Never waits for another
    /// thread: a latest version is never claimed for unloading, so the lock-free attempt fails
    /// only when a swap replaced the version just read, and the attempt under the lock cannot fail.
    /// </summary>
    /// <remarks>
    /// With tenants (Camunda's rules): with <paramref name="tenantId"/>, the tenant's own
    /// deployment of the key, else the one without tenant (shared by all tenants); without it, the
    /// only deployment of the key, whichever tenant it has, and FLOW6340 naming the tenants when
    /// there are several.
    /// </remarks>
    public DeployedVersion? AcquireLatest(string key, string? tenantId = null) => AcquireLatestEntry(ResolveLatestEntry(key, tenantId));

    /// <summary>The latest version of one entry of the latest map (see <see cref="TenantScope.LatestKey"/>), marked as used.</summary>
    private DeployedVersion? AcquireLatestEntry(string? key)
    {
        if (key is null || !Volatile.Read(ref _latest).TryGetValue(key, out var version))
        {
            return null;
        }

        if (version.TryAcquire())
        {
            return version;
        }

        lock (_versions)
        {
            if (!_latest.TryGetValue(key, out version))
            {
                return null;
            }

            return version.TryAcquire() ? version : throw new InvalidOperationException($"{version} is latest but claimed for unloading.");
        }
    }

    /// <summary>
    /// A given version, marked as used. An unloaded one is loaded again from its captured bytes;
    /// the fresh copy is acquired before anyone can see it, so it cannot be unloaded in between.
    /// </summary>
    public DeployedVersion? Acquire(string name, int version, string? tenantId = null)
    {
        var scope = TenantScope.Of(tenantId, name);
        ThrowIfNotResumed(scope, version);
        if (TryAcquireUnlocked(scope, version) is { } loaded)
        {
            return loaded;
        }

        DeployedVersion? found;
        lock (_versions)
        {
            found = FindLocked(scope, version);
            if (found is null || found.TryAcquire())
            {
                return found;   // TryAcquire fails only on a claimed, hence unloaded, version
            }
        }

        found.Content.Verify(version);
        var fresh = DeploymentLoader.Load(found.Folder, found.Content, _shared, found.Activation);
        fresh.TryAcquire();
        lock (_versions)
        {
            var current = FindLocked(scope, version);
            if (current is not null && current != found && current.TryAcquire())
            {
                fresh.Release();
                fresh.Unload();   // another caller reloaded it first
                return current;
            }

            Replace(current ?? found, fresh);
            return fresh;
        }
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
        var unloaded = new List<DeployedVersion>();
        lock (_versions)
        {
            var latest = _latest.Values.ToHashSet();
            foreach (var version in _versions.Where(v => !v.IsUnloaded && !latest.Contains(v)))
            {
                if (version.TryClaimForUnload())
                {
                    version.Unload();
                    unloaded.Add(version);
                }
            }

            if (unloaded.Count > 0)
            {
                ForgetOldHistory();
            }
        }

        foreach (var version in unloaded)
        {
            Raise(new DeploymentEvent(DeploymentEventKind.Unloaded, version.Name, version.Version, version.Folder) { TenantId = version.TenantId });
        }
    }

    /// <summary>Runs <paramref name="action"/> inside the gate; afterwards unloads what nobody uses.</summary>
    private async Task<T> GatedAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
            UnloadUnused();
        }
    }

    /// <summary>
    /// Deploys sources all or none (caller holds the gate). Order: prepare every source (capture,
    /// verify, load, health check); then, unless the deployment comes from the store's log,
    /// save each version that goes live to the store; then activate them all; then run the
    /// instance strategies (not for the log's deployments: the node that made them ran them).
    /// </summary>
    private async Task<IReadOnlyList<DeployedVersion>> DeployLockedAsync(IReadOnlyList<DeploymentSource> sources, bool fromLog, CancellationToken cancellationToken)
    {
        var loaded = new List<DeployedVersion>();
        try
        {
            var results = new List<DeployedVersion>();
            var toActivate = new List<DeployedVersion>();
            foreach (var source in sources)
            {
                var version = await PrepareAsync(source, loaded, cancellationToken).ConfigureAwait(false);
                results.Add(version.Version);
                if (version.Activate)
                {
                    toActivate.Add(version.Version);
                }
            }

            var published = fromLog ? null : await PublishDeployedAsync(toActivate, cancellationToken).ConfigureAwait(false);

            // All go live first, then their instance strategies run (against what is now latest).
            var activated = new List<(DeployedVersion Live, List<string> Keys)>();
            foreach (var version in toActivate)
            {
                var (live, keys) = Reporting(version.Folder, version.Manifest, () => Activate(version));
                results[results.IndexOf(version)] = live;
                loaded.Remove(version);
                activated.Add((live, keys));
            }

            MarkApplied(published);
            foreach (var (live, keys) in activated)
            {
                await NotifyActivatedAsync(live, keys, fromLog, cancellationToken).ConfigureAwait(false);
            }

            return results;
        }
        finally
        {
            foreach (var version in loaded)
            {
                version.Unload();
            }
        }
    }

    /// <summary>Rollback (caller holds the gate); a version this node does not hold is loaded from the store.</summary>
    private async Task<DeployedVersion> RollbackLockedAsync(string name, int version, bool fromLog, CancellationToken cancellationToken)
    {
        var target = Find(name, version);
        DeployedVersion? loaded = null;
        try
        {
            if (target is null && DeploymentStore is { } store)
            {
                var stored = await LoadStoredAsync(store, name, version, cancellationToken).ConfigureAwait(false);
                if (stored is not null)
                {
                    var prepared = await PrepareAsync(new StoredSource(stored), new List<DeployedVersion>(), cancellationToken).ConfigureAwait(false);
                    target = prepared.Version;
                    loaded = Find(name, version) == target ? null : target;
                }
            }

            if (target is null)
            {
                throw Failed(name, version, null, FlowDeploymentException.UnknownVersion($"Deployment '{name}' has no version {version} to roll back to."));
            }

            var published = fromLog ? null : await PublishAsync(DeploymentActionKind.RolledBack, target.Scope, target.Version, target.Folder, cancellationToken).ConfigureAwait(false);
            var (live, keys) = Reporting(target.Folder, target.Manifest, () => Activate(target));
            loaded = null;
            MarkApplied(published is null ? null : new[] { published });
            await NotifyActivatedAsync(live, keys, fromLog, cancellationToken).ConfigureAwait(false);
            return live;
        }
        finally
        {
            loaded?.Unload();
        }
    }

    /// <summary>Undeploy (caller holds the gate); <paramref name="scope"/> is the name, scoped by its tenant (<see cref="TenantScope"/>).</summary>
    private async Task<bool> UndeployLockedAsync(string scope, bool fromLog, CancellationToken cancellationToken)
    {
        var number = LatestOfName(scope)?.Version ?? 0;
        var published = fromLog ? null : await PublishAsync(DeploymentActionKind.Undeployed, scope, number, null, cancellationToken).ConfigureAwait(false);
        lock (_versions)
        {
            var latest = _latest;
            var keys = latest.Where(p => p.Value.Scope == scope).Select(p => p.Key).ToList();
            Volatile.Write(ref _latest, latest.RemoveRange(keys));
            _undeployed.Add(scope);
        }

        MarkApplied(published is null ? null : new[] { published });
        var (tenant, name) = TenantScope.Split(scope);
        Raise(new DeploymentEvent(DeploymentEventKind.Undeployed, name, number, null) { TenantId = tenant });
        return true;
    }

    /// <summary>Reports a failure that happened outside the registry (the hot deployer's watching), as a Failed event.</summary>
    internal void ReportFailure(string? folder, FlowDeploymentException error) => Failed(folder ?? "", 0, folder, error);

    /// <summary>Captures, verifies, decides and (for new content) loads and health-checks one folder or stored version.</summary>
    private async Task<(DeployedVersion Version, bool Activate)> PrepareAsync(DeploymentSource source, List<DeployedVersion> loaded, CancellationToken cancellationToken)
    {
        var label = source.Label;
        DeploymentManifest? manifest = null;
        try
        {
            // The files are verified before anything is decided: a tampered copy of the live
            // version is refused, not taken for "unchanged".
            (manifest, var manifestBytes) = DeploymentContent.ReadManifest(source);
            TenantScope.Check(manifest, label);
            var content = DeploymentContent.Capture(source, manifest, manifestBytes, ManifestTrust, UnsignedDeploymentVerifier);
            var current = LatestOfName(TenantScope.Of(manifest));
            if (current is not null && SameContent(current.Manifest, manifest))
            {
                Raise(new DeploymentEvent(DeploymentEventKind.Unchanged, manifest.Name, current.Version, label) { TenantId = manifest.Tenant });
                return (current, false);
            }

            if (Find(TenantScope.Of(manifest), manifest.Version) is { } known)
            {
                if (!SameContent(known.Manifest, manifest))
                {
                    throw FlowDeploymentException.UnknownVersion(DeploymentMessages.VersionReused(manifest.Name, manifest.Version));
                }

                return (known, true);   // undeployed or rolled away from: identical content goes live again
            }

            var version = DeploymentLoader.Load(label, content, _shared, 0);
            loaded.Add(version);
            CheckHandlerBindings(version);
            await HealthCheckAsync(version, cancellationToken).ConfigureAwait(false);
            return (version, true);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw Failed(manifest?.Name ?? label, manifest?.Version ?? 0, label, ex as FlowDeploymentException ?? FlowDeploymentException.Unexpected(label, ex));
        }
    }

    /// <summary>
    /// Makes <paramref name="version"/> latest for its keys. A registered version that was
    /// claimed for unloading meanwhile is not published: a fresh copy is loaded from its bytes
    /// (invisible to everyone until published, so nobody can claim it) and published instead.
    /// At most one reload; no loop.
    /// </summary>
    private (DeployedVersion Live, List<string> Keys) Activate(DeployedVersion version)
    {
        if (TryPublish(version, replacing: null) is { } keys)
        {
            return (version, keys);
        }

        // A caller resuming an instance may have loaded it again already: publish that copy.
        var current = Find(version.Scope, version.Version);
        if (current is not null && current != version && TryPublish(current, replacing: null) is { } currentKeys)
        {
            return (current, currentKeys);
        }

        version.Content.Verify(version.Version);
        var fresh = DeploymentLoader.Load(version.Folder, version.Content, _shared, 0);
        return (fresh, TryPublish(fresh, replacing: current ?? version) ?? throw new InvalidOperationException($"A fresh copy of {fresh} could not be published."));
    }

    /// <summary>Publishes under the lock; null when the version is claimed for unloading (it must not become latest).</summary>
    private List<string>? TryPublish(DeployedVersion version, DeployedVersion? replacing)
    {
        var keys = new List<string>();
        lock (_versions)
        {
            if (version.IsClaimed || version.IsUnloaded)
            {
                return null;
            }

            var latest = _latest;
            var builder = latest.ToBuilder();
            foreach (var key in version.Keys)
            {
                var entry = TenantScope.LatestKey(version.TenantId, key);
                if (!KeepsCurrentVersion(version, key, latest.GetValueOrDefault(entry)))
                {
                    builder[entry] = version;
                    keys.Add(key);
                }
            }

            version.Activation = ++_activations;
            if (replacing is not null)
            {
                Replace(replacing, version);
            }
            else if (!_versions.Contains(version))
            {
                _versions.Add(version);
            }

            VersionsChangedLocked();

            _undeployed.Remove(version.Scope);
            Volatile.Write(ref _latest, builder.ToImmutable());
            ApplyResumeLocked(version);
        }

        Raise(new DeploymentEvent(DeploymentEventKind.Activated, version.Name, version.Version, version.Folder) { TenantId = version.TenantId });
        return keys;
    }

    private async Task NotifyActivatedAsync(DeployedVersion version, IReadOnlyList<string> keys, bool fromLog, CancellationToken cancellationToken)
    {
        if (!fromLog && ActivatedAsync is { } activated && keys.Count > 0)
        {
            await activated(version, keys, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Puts <paramref name="fresh"/> where <paramref name="old"/> was listed (caller holds the lock).</summary>
    private void Replace(DeployedVersion old, DeployedVersion fresh)
    {
        var index = _versions.IndexOf(old);
        if (index >= 0)
        {
            _versions[index] = fresh;
        }
        else
        {
            _versions.Add(fresh);
        }

        VersionsChangedLocked();
    }

    /// <summary>Keeps the registry from growing with every swap: only the newest unloaded versions stay listed (caller holds the lock).</summary>
    private void ForgetOldHistory()
    {
        foreach (var scope in _versions.Select(v => v.Scope).Distinct(StringComparer.Ordinal).ToList())
        {
            var stale = _versions.Where(v => v.Scope == scope && v.IsUnloaded).OrderByDescending(v => v.Activation).Skip(MaxUnloadedHistory).ToList();
            _versions.RemoveAll(stale.Contains);
        }

        VersionsChangedLocked();
    }

    private async Task HealthCheckAsync(DeployedVersion version, CancellationToken cancellationToken)
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
                throw FlowDeploymentException.HealthCheckFailed(version.Name, key, error is null ? "it returned false" : FlowDeploymentException.Describe(error), error);
            }
        }
    }

    private T Reporting<T>(string folder, DeploymentManifest manifest, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex)
        {
            throw Failed(manifest.Name, manifest.Version, folder, ex as FlowDeploymentException ?? FlowDeploymentException.Unexpected(folder, ex));
        }
    }

    /// <summary>Reports <paramref name="error"/> as a Failed event and returns it, for the caller to throw.</summary>
    private FlowDeploymentException Failed(string name, int version, string? folder, FlowDeploymentException error)
    {
        Raise(new DeploymentEvent(DeploymentEventKind.Failed, name, version, folder, error));
        return error;
    }

    private static bool SameContent(DeploymentManifest a, DeploymentManifest b) =>
        a.Tenant == b.Tenant
        && ContentFiles(a).SequenceEqual(ContentFiles(b));

    /// <summary>The files that make the content: a listed signature (<c>*.sig</c>, a content diagram's) is not content — the same text signed again (ECDSA signatures differ each time) is the same content.</summary>
    private static IEnumerable<(string Path, string Sha256)> ContentFiles(DeploymentManifest manifest) =>
        manifest.Files.Where(f => !f.Path.EndsWith(".sig", StringComparison.OrdinalIgnoreCase))
            .Select(f => (f.Path, f.Sha256.ToLowerInvariant())).OrderBy(f => f.Path, StringComparer.Ordinal);

    /// <summary>The most recently activated version of a deployment (its name scoped by its tenant) that is live (not undeployed since).</summary>
    private DeployedVersion? LatestOfName(string scope)
    {
        lock (_versions)
        {
            return _undeployed.Contains(scope) ? null : _versions.Where(v => v.Scope == scope).MaxBy(v => v.Activation);
        }
    }

    private DeployedVersion? Find(string name, int version)
    {
        lock (_versions)
        {
            return FindLocked(name, version);
        }
    }

    /// <summary>The latest registered entry of a version (a loop, not LINQ: every command acquires its version here).</summary>
    private DeployedVersion? FindLocked(string scope, int version)
    {
        for (var i = _versions.Count - 1; i >= 0; i--)
        {
            var candidate = _versions[i];
            if (candidate.Version == version && candidate.Scope == scope)
            {
                return candidate;
            }
        }

        return null;
    }

    private bool IsLatest(DeployedVersion version) => LatestVersions().Contains(version);

    /// <summary>Raises an event and counts it (here only, so each event is counted once whoever caused it).</summary>
    private void Raise(DeploymentEvent e)
    {
        FlowTelemetry.Count(e);
        Changed?.Invoke(e);
    }
}
