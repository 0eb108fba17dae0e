using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Hosting;
using Flow.Instances;

namespace Flow.Engine;

/// <summary>
/// Runs instances of deployed processes for a host that knows them only by key: start by key
/// (latest version) or key and version, complete wait states, read them back. Instances keep the
/// version they started on; a version stays loaded while instances use it. Data crosses in and
/// out as JSON, so the host never holds a type of a collectible flow assembly.
/// </summary>
public sealed partial class FlowEngine
{
    private readonly DeploymentRegistry _registry;
    private readonly IInstanceStore _store;
    private readonly InstanceHolds _holding = new();
    private readonly ConcurrentDictionary<string, KeyStrategy> _strategies = new(StringComparer.Ordinal);

    /// <summary>Creates an engine over a registry and a store.</summary>
    public FlowEngine(DeploymentRegistry registry, IInstanceStore store)
    {
        _registry = registry;
        _store = store;
        registry.ActivatedAsync = OnActivatedAsync;
        registry.Changed += DetachUnloaded;
    }

    /// <summary>The deployments.</summary>
    public DeploymentRegistry Registry => _registry;

    /// <summary>Bounds on each run of an instance (steps without a wait state, trace length); see <see cref="ExecutionLimits"/>.</summary>
    public ExecutionLimits Limits { get; set; } = ExecutionLimits.Default;

    /// <summary>The clock that stamps when an instance ended (<see cref="StoredInstance.EndedAt"/>).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// What a timeCycle does with occurrences missed while the host was down or its runner behind:
    /// <see cref="TimerMisfire.FireOnce"/> (the default) fires once for them, then goes on with the
    /// next occurrence in the future; <see cref="TimerMisfire.FireAll"/> fires each one.
    /// </summary>
    public TimerMisfire TimerMisfire { get; set; }

    /// <summary>
    /// Starts an instance of the latest version of <paramref name="key"/> (or of <paramref name="deploymentVersion"/> of its deployment)
    /// for <paramref name="tenantId"/>: the tenant's own deployment of the key, else the one without tenant; without a tenant, the
    /// only deployment of the key (FLOW6340 when several tenants have one). See <see cref="DeploymentRegistry.AcquireLatest"/>.
    /// </summary>
    /// <remarks>A null <paramref name="dataJson"/> binds here rather than to the UTF-8 overloads (it is refused).</remarks>
#if NET9_0_OR_GREATER
    [OverloadResolutionPriority(1)]
#endif
    public Task<InstanceSnapshot> StartAsync(string key, string dataJson = "{}", int? deploymentVersion = null, string? tenantId = null, CancellationToken cancellationToken = default) =>
        StartAsync(key, new TextStartData(dataJson), deploymentVersion, tenantId, cancellationToken);

    /// <summary>A start with its span around the steps of the synchronous path (FlowEngine.SyncCommands.cs), when a listener is attached.</summary>
    private async Task<InstanceSnapshot> StartTracedAsync<TStartData>(string key, TStartData startData, int? deploymentVersion, string? tenantId, CancellationToken cancellationToken)
        where TStartData : struct, IStartData
    {
        using var activity = FlowTelemetry.Source.StartActivity("flow.start");
        activity?.SetTag("flow.process", key);
        return await StartNow(key, startData, deploymentVersion, tenantId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes a wait state. <paramref name="outputJson"/> is a JSON object of the node's declared
    /// outputs (exact names, each of its data member's type); an unknown or mistyped key, or a node
    /// where nothing waits, is a <see cref="FlowInstanceException"/> (FLOW6040, FLOW6042) and the
    /// stored instance is unchanged.
    /// </summary>
    /// <remarks>A null <paramref name="outputJson"/> (no output) binds here rather than to the UTF-8 overloads.</remarks>
#if NET9_0_OR_GREATER
    [OverloadResolutionPriority(1)]
#endif
    public Task<InstanceSnapshot> CompleteAsync(string instanceId, string nodeId, string? outputJson = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(instanceId, "flow.complete", new CompleteChange(nodeId, outputJson), cancellationToken);

    /// <summary>Runs a failed instance again from the node that failed.</summary>
    public Task<InstanceSnapshot> RetryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ChangeAsync(instanceId, "flow.retry", default(RetryChange), cancellationToken);

    /// <summary>The instance, or null.</summary>
    public async Task<InstanceSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIdArgument.Check(instanceId);
        var stored = await _store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var state = stored.Live?.Summary(stored.Ended) ?? StateSummary.Of(stored.StateJson, stored.Ended);
        return new InstanceSnapshot(
            stored.Id, stored.ProcessKey, stored.DeploymentName, stored.DeploymentVersion, stored.Status,
            state.Trace, state.WaitingAt, state.Failure, state.DataJson) { TenantId = stored.TenantId, Jobs = await JobWaitsOfAsync(stored, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>Instances matching a query.</summary>
    public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        _store.QueryAsync(query, cancellationToken);

    /// <summary>
    /// Aborts an instance that has not ended: every token ends, nothing is left waiting. An
    /// instance that has already ended stays as it ended (false).
    /// </summary>
    public async Task<bool> AbortAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIdArgument.Check(instanceId);
        var stored = await _store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No instance {instanceId}.");
        if (stored.Ended)
        {
            return false;
        }

        var aborted = stored with
        {
            Status = InstanceStatus.Aborted, StateJson = AbortedState.Of(stored.StateJson), Ended = true, EndedAt = Clock.GetUtcNow(),
            Subscriptions = Array.Empty<EventSubscription>(), Jobs = Array.Empty<Flow.Jobs.ScheduledJob>(),
        };
        if (!await _store.TrySaveAsync(aborted, stored.Revision, cancellationToken).ConfigureAwait(false))
        {
            throw new FlowConcurrencyException(instanceId);
        }

        FlowTelemetry.InstancesEnded.Add(1);
        Unhold(instanceId);

        // Aborting a caller aborts what it calls (and so on down).
        foreach (var called in CalledInstances(stored.StateJson))
        {
            await AbortCalledAsync(called, CancellationToken.None).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Deletes an instance, whatever its status (an instance that has not ended stops holding its version); false when there was none.</summary>
    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIdArgument.Check(instanceId);
        var deleted = await _store.DeleteAsync(instanceId, cancellationToken).ConfigureAwait(false);
        Unhold(instanceId);
        return deleted;
    }

    /// <summary>
    /// Deletes the ended instances (completed, aborted, failed with nothing to retry) that ended
    /// more than <paramref name="endedBefore"/> ago (all of them when null; with an age, one
    /// without <see cref="StoredInstance.EndedAt"/> is kept); returns how many.
    /// </summary>
    public async Task<int> PurgeAsync(TimeSpan? endedBefore = null, CancellationToken cancellationToken = default)
    {
        var cutoff = Clock.GetUtcNow() - (endedBefore ?? TimeSpan.Zero);
        var purged = 0;
        await foreach (var instance in InBatchesAsync(new InstanceQuery(), cancellationToken).ConfigureAwait(false))
        {
            if (instance.Ended && (endedBefore is null || instance.EndedAt <= cutoff)
                && await _store.DeleteAsync(instance.Id, cancellationToken).ConfigureAwait(false))
            {
                purged++;
            }
        }

        return purged;
    }

    /// <summary>
    /// Moves a running instance to the latest version of its process: every token is mapped
    /// (same node id unless <paramref name="nodeMapping"/> says otherwise) and must land on a node
    /// of the same kind; the data must fit the new type (new members take defaults). On any
    /// failure the instance is left exactly as it was and the reason is thrown.
    /// </summary>
    public async Task<InstanceSnapshot> MigrateAsync(string instanceId, IReadOnlyDictionary<string, string>? nodeMapping = null, CancellationToken cancellationToken = default)
    {
        InstanceIdArgument.Check(instanceId);
        var stored = await _store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No instance {instanceId}.");
        var target = _registry.AcquireLatestFor(stored.ProcessKey, stored.TenantId) ?? throw FlowDeploymentException.UnknownVersion($"No deployment defines process '{stored.ProcessKey}'.");
        try
        {
            var process = Create(target, stored.ProcessKey);
            var migrated = InstanceMigration.Map(stored.StateJson, process.Definition, nodeMapping);
            var instance = process.ResumeFromJson(migrated);
            var saved = Save(instance);
            if (!await _store.TrySaveAsync(Store(instance, saved, stored.ProcessKey, target, stored.Revision), stored.Revision, cancellationToken).ConfigureAwait(false))
            {
                throw new FlowConcurrencyException(instanceId);
            }

            Unhold(instanceId);
            Hold(instance, target);
            return Snapshot(instance, saved, stored.ProcessKey, target);
        }
        finally
        {
            _registry.Release(target);
        }
    }

    /// <summary>A command with its span around the steps of the synchronous path (FlowEngine.SyncCommands.cs), when a listener is attached.</summary>
    private async Task<InstanceSnapshot> ChangeTracedAsync<TChange>(string instanceId, string operation, TChange change, CancellationToken cancellationToken)
        where TChange : struct, IInstanceChange
    {
        InstanceIdArgument.Check(instanceId);
        var stored = await _store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        using var activity = FlowTelemetry.Source.StartActivity(operation);
        activity?.SetTag("flow.instance", instanceId);
        return await ChangeNow(stored, instanceId, change, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Saves an instance resumed from <paramref name="stored"/> after a command ran on it, with the
    /// revision it was read at: the calls it reached start first and are released again when
    /// another command saved first (<see cref="FlowConcurrencyException"/>, nothing changed).
    /// Once saved, the signals it threw reach the other instances listening: after a command, a
    /// timer and an async continuation alike, since all three save here.
    /// </summary>
    /// <remarks>
    /// Not an async method itself: the usual command (no call reached, a store that saves at once,
    /// nothing thrown to broadcast) completes synchronously without a state machine of its own;
    /// whatever does not complete at once goes on in <see cref="SaveResumedAsync(IFlowInstance, StoredInstance, DeployedVersion, Task{List{StartedCall}}, string?, CancellationToken)"/>
    /// or <see cref="AfterResumedSaveAsync"/>, which do the same steps in the same order. A command that has
    /// the process's definition hash at hand passes it (null: looked up).
    /// </remarks>
    private ValueTask<SavedState> SaveResumedAsync(IFlowInstance instance, StoredInstance stored, DeployedVersion version, CancellationToken cancellationToken, string? definitionHash = null)
    {
        var starting = StartCallsAsync(instance, version, cancellationToken);
        if (!starting.IsCompletedSuccessfully)
        {
            return SaveResumedAsync(instance, stored, version, starting, definitionHash, cancellationToken);
        }

        var calls = starting.Result;
        var ended = instance.HasEnded;
        var saved = Save(instance, ended, dataAfterSave: true);
        var saving = _store.TrySaveAsync(Store(instance, saved, ended, stored.ProcessKey, version, definitionHash, stored.Revision), stored.Revision, cancellationToken);
        if (!saving.IsCompletedSuccessfully)
        {
            return AfterResumedSaveAsync(instance, stored, version, saving, saved, ended, calls, cancellationToken);
        }

        saved = Saved(saving.Result, instance, stored, version, saved, ended, calls);
        // saved: the caller gets the result, so the token is no longer observed (see docs/runtime.md, cancellation)
        var after = AfterCallsAsync(instance, calls, CancellationToken.None);
        if (!after.IsCompletedSuccessfully)
        {
            return BroadcastAfterAsync(after, instance, saved);
        }

        var broadcast = BroadcastThrownSignalsAsync(instance, CancellationToken.None);
        return broadcast.IsCompletedSuccessfully ? new ValueTask<SavedState>(saved) : AwaitThenAsync(broadcast, saved);
    }

    /// <summary><see cref="SaveResumedAsync(IFlowInstance, StoredInstance, DeployedVersion, CancellationToken, string?)"/> once the calls it reached have to be awaited.</summary>
    private async ValueTask<SavedState> SaveResumedAsync(IFlowInstance instance, StoredInstance stored, DeployedVersion version, Task<List<StartedCall>> starting, string? definitionHash, CancellationToken cancellationToken)
    {
        var calls = await starting.ConfigureAwait(false);
        var ended = instance.HasEnded;
        var saved = Save(instance, ended, dataAfterSave: true);
        var saving = _store.TrySaveAsync(Store(instance, saved, ended, stored.ProcessKey, version, definitionHash, stored.Revision), stored.Revision, cancellationToken);
        return await AfterResumedSaveAsync(instance, stored, version, saving, saved, ended, calls, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rest of <see cref="SaveResumedAsync(IFlowInstance, StoredInstance, DeployedVersion, CancellationToken, string?)"/> once the save has to be awaited.</summary>
    private async ValueTask<SavedState> AfterResumedSaveAsync(
        IFlowInstance instance, StoredInstance stored, DeployedVersion version, ValueTask<bool> saving, SavedState saved, bool ended, List<StartedCall> calls, CancellationToken cancellationToken)
    {
        saved = Saved(await saving.ConfigureAwait(false), instance, stored, version, saved, ended, calls);
        // saved: the caller gets the result, so the token is no longer observed (see docs/runtime.md, cancellation)
        await AfterCallsAsync(instance, calls, CancellationToken.None).ConfigureAwait(false);
        await BroadcastThrownSignalsAsync(instance, CancellationToken.None).ConfigureAwait(false);
        return saved;
    }

    /// <summary>After the save: the token is no longer observed.</summary>
    private async ValueTask<SavedState> BroadcastAfterAsync(Task after, IFlowInstance instance, SavedState saved)
    {
        await after.ConfigureAwait(false);
        await BroadcastThrownSignalsAsync(instance, CancellationToken.None).ConfigureAwait(false);
        return saved;
    }

    private static async ValueTask<SavedState> AwaitThenAsync(Task broadcast, SavedState saved)
    {
        await broadcast.ConfigureAwait(false);
        return saved;
    }

    /// <summary>After the save of a resumed instance: a stale revision releases the calls it started and throws; an instance that ended stops holding its version.</summary>
    private SavedState Saved(bool savedNow, IFlowInstance instance, StoredInstance stored, DeployedVersion version, SavedState saved, bool ended, List<StartedCall> calls)
    {
        if (!savedNow)
        {
            ReleaseCalls(calls);
            throw new FlowConcurrencyException(stored.Id);
        }

        saved = WithDataAfterSave(instance, saved);
        if (ended)
        {
            FlowTelemetry.InstancesEnded.Add(1);
            UnholdInCommand(stored.Id, version);
        }

        return saved;
    }

    /// <summary>Version <paramref name="deploymentVersion"/> of the deployment that defines <paramref name="key"/>.</summary>
    private DeployedVersion? AcquireVersion(string key, int deploymentVersion, string? tenantId) =>
        _registry.Versions.LastOrDefault(d => d.TenantId == tenantId && d.Manifest.Processes.Any(p => p.Key == key)) is { } deployment
            ? _registry.Acquire(deployment.Name, deploymentVersion, tenantId)
            : null;

    /// <summary>An instance that can still run (waiting, or failed with a token to retry from) keeps its version loaded until it ends.</summary>
    private void Hold(IFlowInstance instance, DeployedVersion version)
    {
        if (!instance.HasEnded && version.TryAcquire() && _holding.Add(instance.Id, version) is { } before)
        {
            _registry.Release(before);
        }
    }

    /// <summary>
    /// Makes the command's own use of <paramref name="version"/> the hold of the instance it saved
    /// waiting (instead of acquiring once more and releasing the command's use): the command must
    /// not release the version afterwards.
    /// </summary>
    private void HoldAcquired(string instanceId, DeployedVersion version)
    {
        if (_holding.Add(instanceId, version) is { } before)
        {
            _registry.Release(before);
        }
    }

    /// <summary>
    /// <see cref="Unhold"/> by a command that still uses <paramref name="version"/> itself: when the
    /// hold is on that version, the version cannot become unused here, so the hold just ends (the
    /// command's own release asks whether it unloads).
    /// </summary>
    private void UnholdInCommand(string instanceId, DeployedVersion version)
    {
        if (_holding.Remove(instanceId) is { } held)
        {
            if (ReferenceEquals(held, version))
            {
                held.Release();
            }
            else
            {
                _registry.Release(held);
            }
        }
    }

    private void Unhold(string instanceId)
    {
        if (_holding.Remove(instanceId) is { } version)
        {
            _registry.Release(version);
        }
    }

    private StoredInstance Store(IFlowInstance instance, SavedState saved, string key, DeployedVersion version, long revision) =>
        Store(instance, saved, instance.HasEnded, key, version, definitionHash: null, revision);

    /// <summary>The stored instance of a save; <paramref name="ended"/> is the instance's <see cref="IFlowInstance.HasEnded"/>, read once by the command.</summary>
    /// <remarks>An instance that has ended has no subscriptions and no jobs (what the instance would report), so neither is asked for.</remarks>
    private StoredInstance Store(IFlowInstance instance, SavedState saved, bool ended, string key, DeployedVersion version, string? definitionHash, long revision) =>
        new(instance.Id, key, version.Name, version.Version, definitionHash ?? DefinitionHash(version, key), instance.Status, saved.StateJson, revision + 1)
        {
            Live = saved.Live,
            Ended = ended,
            EndedAt = ended ? Clock.GetUtcNow() : null,
            Subscriptions = ended ? Array.Empty<EventSubscription>() : instance.Subscriptions,
            Jobs = ended ? Array.Empty<Flow.Jobs.ScheduledJob>() : InstanceJobs(instance),
            TenantId = version.TenantId,
        };

    private static string DefinitionHash(DeployedVersion version, string key)
    {
        foreach (var process in version.Manifest.Processes)
        {
            if (process.Key == key)
            {
                return process.DefinitionHash;
            }
        }

        throw FlowDeploymentException.UnknownVersion($"{version} does not define process '{key}'.");
    }

    /// <summary>The snapshot's data JSON is the stored state's data, as saved, so a host reads both alike.</summary>
    /// <remarks>The instance is not used after the command, so its trace list goes to the snapshot uncopied (read-only when the in-memory store keeps it); WaitingAt is a fresh list or the graph's shared read-only one.</remarks>
    private static InstanceSnapshot Snapshot(IFlowInstance instance, SavedState saved, string key, DeployedVersion version) =>
        Snapshot(instance, saved, instance.HasEnded, instance.Id, key, version);

    /// <summary>A command's snapshot, with what the command already read of the instance (<paramref name="ended"/>, <paramref name="id"/>); an instance that has ended waits nowhere.</summary>
    private static InstanceSnapshot Snapshot(IFlowInstance instance, SavedState saved, bool ended, string id, string key, DeployedVersion version) =>
        new(id, key, version.Name, version.Version, instance.Status, SnapshotTrace(instance, saved), ended ? Array.Empty<string>() : instance.WaitingAt, SnapshotFailure(instance, saved),
            saved.DataJson) { TenantId = version.TenantId };
}
