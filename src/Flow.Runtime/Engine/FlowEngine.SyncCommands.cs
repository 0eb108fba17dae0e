using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Hosting;
using Flow.Instances;

namespace Flow.Engine;

/// <summary>
/// Starts and commands without an async state machine when nothing has to be awaited: the
/// in-memory store and a process whose handlers finish at once complete every step synchronously,
/// and the async machinery (its state machine, the execution context saved and restored around it)
/// was a good part of a command's own CPU. Each step that does not complete at once hands the rest
/// to an async method that does the same steps in the same order; a failure becomes the returned
/// task's, as an async method's would (an <see cref="OperationCanceledException"/> a cancelled
/// one). With a listener on <see cref="FlowTelemetry.Source"/>, a span is put around these same
/// steps (one sequence of steps, traced or not).
/// </summary>
public sealed partial class FlowEngine
{
    private Task<InstanceSnapshot> StartAsync<TStartData>(string key, TStartData startData, int? deploymentVersion, string? tenantId, CancellationToken cancellationToken)
        where TStartData : struct, IStartData
    {
        if (FlowTelemetry.Source.HasListeners())
        {
            return StartTracedAsync(key, startData, deploymentVersion, tenantId, cancellationToken);
        }

        try
        {
            return StartNow(key, startData, deploymentVersion, tenantId, cancellationToken);
        }
        catch (Exception e)
        {
            return FaultedAsync<InstanceSnapshot>(ExceptionDispatchInfo.Capture(e));
        }
    }

    private Task<InstanceSnapshot> ChangeAsync<TChange>(string instanceId, string operation, TChange change, CancellationToken cancellationToken)
        where TChange : struct, IInstanceChange
    {
        if (FlowTelemetry.Source.HasListeners())
        {
            return ChangeTracedAsync(instanceId, operation, change, cancellationToken);
        }

        try
        {
            InstanceIdArgument.Check(instanceId);
            var loading = _store.LoadAsync(instanceId, cancellationToken);
            return loading.IsCompletedSuccessfully
                ? ChangeNow(loading.Result, instanceId, change, cancellationToken)
                : ChangeLoadedAsync(loading, instanceId, change, cancellationToken);
        }
        catch (Exception e)
        {
            return FaultedAsync<InstanceSnapshot>(ExceptionDispatchInfo.Capture(e));
        }
    }

    /// <summary>The task an async method that threw <paramref name="error"/> returns: faulted, or cancelled for an <see cref="OperationCanceledException"/> (the same exception object either way).</summary>
#pragma warning disable CS1998 // no await: the method exists for what the async builder makes of the exception
    private static async Task<T> FaultedAsync<T>(ExceptionDispatchInfo error)
    {
        error.Throw();
        return default!;
    }
#pragma warning restore CS1998

    /// <summary>A start as far as it completes synchronously; the version is released here, handed to the instance's hold, or handed on with the rest.</summary>
    private Task<InstanceSnapshot> StartNow<TStartData>(string key, TStartData startData, int? deploymentVersion, string? tenantId, CancellationToken cancellationToken)
        where TStartData : struct, IStartData
    {
        var version = (deploymentVersion is { } v ? AcquireVersion(key, v, tenantId) : _registry.AcquireLatest(key, tenantId))
            ?? throw FlowDeploymentException.UnknownVersion($"No deployment defines process '{key}'" + (deploymentVersion is null ? "." : $" in version {deploymentVersion}."));
        var handedOn = false;
        try
        {
            var process = Create(version, key, out var definitionHash);
            var data = ReadStartData(startData, process, key, version);
            var starting = OwnDataStart.StartAsync(process, data, cancellationToken);
            if (!starting.IsCompletedSuccessfully)
            {
                handedOn = true;
                return StartRestAsync(starting, calling: null, key, version, definitionHash, cancellationToken);
            }

            var instance = starting.Result;
            var calling = StartCallsAsync(instance, version, cancellationToken);
            if (!calling.IsCompletedSuccessfully)
            {
                handedOn = true;
                return StartRestAsync(new ValueTask<IFlowInstance>(instance), calling, key, version, definitionHash, cancellationToken);
            }

            var calls = calling.Result;
            FlowTelemetry.InstancesStarted.Add(1);
            var ended = instance.HasEnded;
            var saved = Save(instance, ended, dataAfterSave: true);
            var stored = Store(instance, saved, ended, key, version, definitionHash, revision: 0);
            var saving = _store.TrySaveAsync(stored, 0, cancellationToken);
            if (!saving.IsCompletedSuccessfully)
            {
                handedOn = true;
                return StartSavedAsync(saving, instance, calls, saved, stored, ended, key, version, cancellationToken);
            }

            saved = StartSaved(saving.Result, instance, calls, saved, stored.Id, ended, version);

            // From here on the version is the waiting instance's hold, or released below once the command is done.
            handedOn = !ended;

            // saved: the caller gets the result, so the token is no longer observed (see docs/runtime.md, cancellation)
            var after = AfterCallsAsync(instance, calls, CancellationToken.None);
            if (after.IsCompletedSuccessfully)
            {
                var broadcast = BroadcastThrownSignalsAsync(instance, CancellationToken.None);
                if (broadcast.IsCompletedSuccessfully)
                {
                    return Task.FromResult(Snapshot(instance, saved, ended, stored.Id, key, version));
                }

                handedOn = true;
                return StartFinishAsync(broadcast, broadcasting: false, instance, saved, ended, stored.Id, key, version, release: ended);
            }

            handedOn = true;
            return StartFinishAsync(after, broadcasting: true, instance, saved, ended, stored.Id, key, version, release: ended);
        }
        finally
        {
            if (!handedOn)
            {
                _registry.Release(version);
            }
        }
    }

    /// <summary>After a start's save: a stale revision releases the calls and throws; an instance saved waiting holds the command's use of its version.</summary>
    private SavedState StartSaved(bool savedNow, IFlowInstance instance, List<StartedCall> calls, SavedState saved, string id, bool ended, DeployedVersion version)
    {
        if (!savedNow)
        {
            ReleaseCalls(calls);
            throw new FlowConcurrencyException(id);
        }

        saved = WithDataAfterSave(instance, saved);
        if (!ended)
        {
            HoldAcquired(id, version);
        }

        return saved;
    }

    /// <summary>The rest of a start once its run or its calls have to be awaited: the steps of the traced start, in its order.</summary>
    private async Task<InstanceSnapshot> StartRestAsync(
        ValueTask<IFlowInstance> starting, Task<List<StartedCall>>? calling, string key, DeployedVersion version, string? definitionHash, CancellationToken cancellationToken)
    {
        var handedToHold = false;
        try
        {
            var instance = await starting.ConfigureAwait(false);
            var calls = await (calling ?? StartCallsAsync(instance, version, cancellationToken)).ConfigureAwait(false);
            FlowTelemetry.InstancesStarted.Add(1);
            var ended = instance.HasEnded;
            var saved = Save(instance, ended, dataAfterSave: true);
            var stored = Store(instance, saved, ended, key, version, definitionHash, revision: 0);
            saved = StartSaved(await _store.TrySaveAsync(stored, 0, cancellationToken).ConfigureAwait(false), instance, calls, saved, stored.Id, ended, version);
            handedToHold = !ended;
            await AfterCallsAsync(instance, calls, CancellationToken.None).ConfigureAwait(false);
            await BroadcastThrownSignalsAsync(instance, CancellationToken.None).ConfigureAwait(false);
            return Snapshot(instance, saved, ended, stored.Id, key, version);
        }
        finally
        {
            if (!handedToHold)
            {
                _registry.Release(version);
            }
        }
    }

    /// <summary>The rest of a start once its save has to be awaited (a durable store).</summary>
    private async Task<InstanceSnapshot> StartSavedAsync(
        ValueTask<bool> saving, IFlowInstance instance, List<StartedCall> calls, SavedState saved, StoredInstance stored, bool ended, string key, DeployedVersion version, CancellationToken cancellationToken)
    {
        var handedToHold = false;
        try
        {
            saved = StartSaved(await saving.ConfigureAwait(false), instance, calls, saved, stored.Id, ended, version);
            handedToHold = !ended;
            await AfterCallsAsync(instance, calls, CancellationToken.None).ConfigureAwait(false);
            await BroadcastThrownSignalsAsync(instance, CancellationToken.None).ConfigureAwait(false);
            return Snapshot(instance, saved, ended, stored.Id, key, version);
        }
        finally
        {
            if (!handedToHold)
            {
                _registry.Release(version);
            }
        }
    }

    /// <summary>The end of a saved start whose calls or signals have to be awaited; the version is released at the end when the instance did not keep it (<paramref name="release"/>).</summary>
    private async Task<InstanceSnapshot> StartFinishAsync(
        Task pending, bool broadcasting, IFlowInstance instance, SavedState saved, bool ended, string id, string key, DeployedVersion version, bool release)
    {
        try
        {
            await pending.ConfigureAwait(false);
            if (broadcasting)
            {
                await BroadcastThrownSignalsAsync(instance, CancellationToken.None).ConfigureAwait(false);
            }

            return Snapshot(instance, saved, ended, id, key, version);
        }
        finally
        {
            if (release)
            {
                _registry.Release(version);
            }
        }
    }

    private async Task<InstanceSnapshot> ChangeLoadedAsync<TChange>(ValueTask<StoredInstance?> loading, string instanceId, TChange change, CancellationToken cancellationToken)
        where TChange : struct, IInstanceChange =>
        await ChangeNow(await loading.ConfigureAwait(false), instanceId, change, cancellationToken).ConfigureAwait(false);

    /// <summary>A command on a loaded instance as far as it completes synchronously; the version is released here or handed on with the rest.</summary>
    private Task<InstanceSnapshot> ChangeNow<TChange>(StoredInstance? loaded, string instanceId, TChange change, CancellationToken cancellationToken)
        where TChange : struct, IInstanceChange
    {
        var stored = loaded ?? throw new KeyNotFoundException($"No instance {instanceId}.");
        var version = _registry.Acquire(stored.DeploymentName, stored.DeploymentVersion, stored.TenantId)
            ?? throw FlowDeploymentException.UnknownVersion($"Instance {instanceId} runs on {stored.DeploymentName} v{stored.DeploymentVersion}, which is no longer registered.");
        var handedOn = false;
        try
        {
            var process = Create(version, stored.ProcessKey, out var definitionHash);
            var instance = Resume(process, stored);
            var applying = change.ApplyAsync(instance, cancellationToken);
            if (!applying.IsCompletedSuccessfully)
            {
                handedOn = true;
                return ChangeRestAsync(applying, instance, stored, version, definitionHash, cancellationToken);
            }

            applying.GetAwaiter().GetResult();
            var saving = SaveResumedAsync(instance, stored, version, cancellationToken, definitionHash);
            if (!saving.IsCompletedSuccessfully)
            {
                handedOn = true;
                return ChangeSavedAsync(saving, instance, stored, version);
            }

            return Task.FromResult(Snapshot(instance, saving.Result, instance.HasEnded, stored.Id, stored.ProcessKey, version));
        }
        finally
        {
            if (!handedOn)
            {
                _registry.Release(version);
            }
        }
    }

    /// <summary>The rest of a command once its change has to be awaited.</summary>
    private async Task<InstanceSnapshot> ChangeRestAsync(
        ValueTask applying, IFlowInstance instance, StoredInstance stored, DeployedVersion version, string? definitionHash, CancellationToken cancellationToken)
    {
        try
        {
            await applying.ConfigureAwait(false);
            var saved = await SaveResumedAsync(instance, stored, version, cancellationToken, definitionHash).ConfigureAwait(false);
            return Snapshot(instance, saved, instance.HasEnded, stored.Id, stored.ProcessKey, version);
        }
        finally
        {
            _registry.Release(version);
        }
    }

    /// <summary>The rest of a command once its save (or what follows it) has to be awaited.</summary>
    private async Task<InstanceSnapshot> ChangeSavedAsync(ValueTask<SavedState> saving, IFlowInstance instance, StoredInstance stored, DeployedVersion version)
    {
        try
        {
            var saved = await saving.ConfigureAwait(false);
            return Snapshot(instance, saved, instance.HasEnded, stored.Id, stored.ProcessKey, version);
        }
        finally
        {
            _registry.Release(version);
        }
    }
}
