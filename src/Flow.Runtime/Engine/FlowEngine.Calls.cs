using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Hosting;

namespace Flow.Engine;

/// <summary>
/// Call activities. A command that reaches a call activity starts the called instance (a real
/// instance: its own id, version and stored state, linked to its caller by
/// <see cref="InstanceState{TData}.CalledBy"/>) before the caller is saved; a called instance
/// that ends in the same command ends its call at once, so a chain of calls without wait states
/// runs in one command. The caller is saved first, then the called instances. A called instance
/// that ends in a later command of its own reports to its caller in a follow-up command, right
/// after its own save (the stores have no transaction over two instances).
/// </summary>
public sealed partial class FlowEngine
{
    /// <summary>How often a follow-up to a caller is retried when the caller changed meanwhile.</summary>
    private const int CallerRetries = 5;

    /// <summary>A called instance started in this command, with its (acquired) version, saved after its caller.</summary>
    private sealed record StartedCall(IFlowInstance Instance, DeployedVersion Version, string Key);

    /// <summary>
    /// Starts the calls <paramref name="instance"/> made (and theirs, in memory), and feeds back at
    /// once the called instances that ended or escalated. An unresolvable called process is
    /// FLOW6200 and the command fails with nothing saved.
    /// </summary>
    private async Task SettleCallsAsync(IFlowInstance instance, DeployedVersion version, List<StartedCall> started, CancellationToken cancellationToken)
    {
        if (instance is not ICallingInstance calling)
        {
            return;
        }

        for (var requests = calling.TakeCallRequests(); requests.Count > 0; requests = calling.TakeCallRequests())
        {
            foreach (var request in requests)
            {
                var calledVersion = ResolveCall(request, version);
                IFlowInstance child;
                try
                {
                    var process = Create(calledVersion, request.Call.CalledElement);
                    child = await ((ICallableProcess)process).StartCalledAsync(
                        request.DataJson, request.ChildInstanceId, new CallerState { InstanceId = instance.Id, NodeId = request.NodeId }, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    _registry.Release(calledVersion);
                    throw;
                }

                FlowTelemetry.InstancesStarted.Add(1);
                started.Add(new StartedCall(child, calledVersion, request.Call.CalledElement));
                await SettleCallsAsync(child, calledVersion, started, cancellationToken).ConfigureAwait(false);
                foreach (var escalation in ((ICallingInstance)child).TakeUncaughtEscalations())
                {
                    await calling.EndCallAsync(child.Id, new CallEnd(CallEndKind.Escalation, null, escalation), cancellationToken).ConfigureAwait(false);
                }

                if (EndOf(child) is { } end)
                {
                    await calling.EndCallAsync(child.Id, end, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>No calls started (shared: never added to, as only <see cref="StartCallsAsync"/> with requests adds).</summary>
    private static readonly Task<List<StartedCall>> NoCalls = Task.FromResult(new List<StartedCall>());

    /// <summary>
    /// Settles the calls of a command; on failure the versions of the instances started so far are released (nothing of them was saved).
    /// Every save of a command comes through here first, so it also refuses names and keys no store can hold (FLOW6325, FLOW6326), before anything is saved.
    /// </summary>
    private Task<List<StartedCall>> StartCallsAsync(IFlowInstance instance, DeployedVersion version, CancellationToken cancellationToken)
    {
        if (instance is ICallingInstance { HasCallRequests: true })
        {
            return SettleStartedCallsAsync(instance, version, cancellationToken);
        }

        StoredEventKeys.CheckSubscriptions(instance);
        return NoCalls;
    }

    private async Task<List<StartedCall>> SettleStartedCallsAsync(IFlowInstance instance, DeployedVersion version, CancellationToken cancellationToken)
    {
        var started = new List<StartedCall>();
        try
        {
            await SettleCallsAsync(instance, version, started, cancellationToken).ConfigureAwait(false);
            StoredEventKeys.CheckSubscriptions(instance);
            started.ForEach(call => StoredEventKeys.CheckSubscriptions(call.Instance));
            return started;
        }
        catch
        {
            foreach (var call in started)
            {
                _registry.Release(call.Version);
            }

            throw;
        }
    }

    private void ReleaseCalls(List<StartedCall> started)
    {
        foreach (var call in started)
        {
            _registry.Release(call.Version);
        }
    }

    /// <summary>
    /// After <paramref name="instance"/> was saved: saves the instances it called in this command,
    /// aborts the called instances whose call was left, and, for a called instance that ended or
    /// escalated in this command, tells its caller.
    /// </summary>
    private Task AfterCallsAsync(IFlowInstance instance, List<StartedCall> started, CancellationToken cancellationToken) =>
        started.Count == 0 && (instance is not ICallingInstance calling || (calling.CalledBy is null && !calling.HasAbandonedCalls))
            ? Task.CompletedTask   // the common case: nothing called, nothing left, nobody to tell
            : AfterStartedCallsAsync(instance, started, cancellationToken);

    private async Task AfterStartedCallsAsync(IFlowInstance instance, List<StartedCall> started, CancellationToken cancellationToken)
    {
        var abandoned = new List<string>();
        try
        {
            foreach (var call in started)
            {
                var saved = Save(call.Instance);
                if (!await _store.TrySaveAsync(Store(call.Instance, saved, call.Key, call.Version, revision: 0), 0, cancellationToken).ConfigureAwait(false))
                {
                    throw new FlowConcurrencyException(call.Instance.Id);
                }

                Hold(call.Instance, call.Version);
                abandoned.AddRange(((ICallingInstance)call.Instance).TakeAbandonedCalls());
            }
        }
        finally
        {
            foreach (var call in started)
            {
                _registry.Release(call.Version);
            }
        }

        foreach (var call in started)
        {
            await BroadcastThrownSignalsAsync(call.Instance, cancellationToken).ConfigureAwait(false);
        }

        if (instance is not ICallingInstance calling)
        {
            return;
        }

        abandoned.AddRange(calling.TakeAbandonedCalls());
        foreach (var childId in abandoned)
        {
            await AbortCalledAsync(childId, cancellationToken).ConfigureAwait(false);
        }

        if (calling.CalledBy is { } caller)
        {
            foreach (var escalation in calling.TakeUncaughtEscalations())
            {
                await TellCallerAsync(caller, instance.Id, new CallEnd(CallEndKind.Escalation, null, escalation), cancellationToken).ConfigureAwait(false);
            }

            if (EndOf(instance) is { } end)
            {
                await TellCallerAsync(caller, instance.Id, end, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>How a called instance ended, for its caller; null while it can still run (waiting, or failed with a token to retry).</summary>
    private static CallEnd? EndOf(IFlowInstance child) =>
        !child.HasEnded ? null
        : child.Status == InstanceStatus.Completed ? new CallEnd(CallEndKind.Completed, child.DataToJson(), null)
        : child.Failure is { Kind: FailureState.ErrorEnd } error ? new CallEnd(CallEndKind.Error, null, error.Message)
        : new CallEnd(CallEndKind.Failed, null, child.Failure is { } failure ? $"{child.Status}: {failure.Kind} at '{failure.NodeId}': {failure.Message}" : child.Status.ToString());

    /// <summary>A follow-up command on the caller (retried when the caller changed meanwhile); nothing when the caller is gone or no longer waits on the call.</summary>
    private async Task TellCallerAsync(CallerState caller, string childId, CallEnd end, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _store.LoadAsync(caller.InstanceId, cancellationToken).ConfigureAwait(false);
            if (stored is null || stored.Ended)
            {
                return;
            }

            try
            {
                await ChangeAsync(caller.InstanceId, "flow.call.end", async (i, ct) => await ((ICallingInstance)i).EndCallAsync(childId, end, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (FlowConcurrencyException) when (attempt < CallerRetries)
            {
            }
        }
    }

    /// <summary>Aborts a called instance whose call was left (and, through <see cref="AbortAsync"/>, the instances it calls).</summary>
    private async Task AbortCalledAsync(string childId, CancellationToken cancellationToken)
    {
        try
        {
            await AbortAsync(childId, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            // Never saved (its caller's command failed first) or deleted: nothing to abort.
        }
    }

    /// <summary>The called instances a saved state waits on.</summary>
    private static IEnumerable<string> CalledInstances(string stateJson)
    {
        using var document = JsonDocument.Parse(stateJson);
        if (!document.RootElement.TryGetProperty("Calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<string>();
        }

        return calls.EnumerateArray()
            .Select(c => c.TryGetProperty("ChildInstanceId", out var id) ? id.GetString() : null)
            .Where(id => !string.IsNullOrEmpty(id))
            .Select(id => id!)
            .ToList();
    }

    /// <summary>The version a call starts, acquired (the caller releases it): by Camunda's binding.</summary>
    private DeployedVersion ResolveCall(CallRequest request, DeployedVersion callerVersion)
    {
        var key = request.Call.CalledElement;
        var version = request.Call.Binding switch
        {
            CallBinding.Deployment => callerVersion.Keys.Contains(key, StringComparer.Ordinal) ? _registry.Acquire(callerVersion.Name, callerVersion.Version, callerVersion.TenantId) : null,
            CallBinding.Version => _registry.Versions
                .Where(v => (v.TenantId == callerVersion.TenantId || v.TenantId is null) && v.Manifest.Processes.Any(p => p.Key == key && p.Version == request.Call.Version))
                .OrderBy(v => v.TenantId is null)   // the caller's tenant's own first, then shared
                .Select(v => _registry.Acquire(v.Name, v.Version, v.TenantId))
                .FirstOrDefault(v => v is not null),
            _ => _registry.AcquireLatestFor(key, callerVersion.TenantId),
        };
        return version ?? throw new FlowDeploymentException(InstanceErrors.CallUnresolved, request.Call.Binding switch
        {
            CallBinding.Deployment => $"{InstanceErrors.CallUnresolved}: call activity '{request.NodeId}' calls process '{key}' with binding 'deployment', but {callerVersion} does not define it; nothing was changed.",
            CallBinding.Version => $"{InstanceErrors.CallUnresolved}: call activity '{request.NodeId}' calls version {request.Call.Version} of process '{key}', which is not deployed; nothing was changed.",
            _ => $"{InstanceErrors.CallUnresolved}: call activity '{request.NodeId}' calls process '{key}', which no deployment defines; nothing was changed.",
        });
    }
}
