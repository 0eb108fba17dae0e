using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Hosting;
using Flow.Instances;
using Flow.Jobs;
using Flow.Timers;
using Microsoft.Extensions.Logging;

namespace Flow.Engine;

/// <summary>
/// The engine's jobs: timers of instances (fired through <see cref="FireTimerAsync"/>) and timer
/// start events (a job of no instance per start event of the latest version; each firing starts
/// an instance). <see cref="JobHandlers"/> are what a <see cref="JobRunner"/> needs to run them.
/// </summary>
public sealed partial class FlowEngine
{
    /// <summary>The job kind of a timer start event.</summary>
    public const string TimerStartJobKind = "timer-start";

    private const string StartJobPrefix = TimerStartJobKind + "/";

    /// <summary>
    /// Raised with the earliest due time whenever the engine writes jobs (an instance waiting on a
    /// timer, a start timer scheduled): a <see cref="JobRunner"/> wakes up if that is earlier than it sleeps.
    /// </summary>
    public event Action<DateTimeOffset>? JobScheduled;

    /// <summary>The handlers of the engine's job kinds (<see cref="TimerState.JobKind"/>, <see cref="TimerStartJobKind"/>, <see cref="ContinuationState.JobKind"/>).</summary>
    public IReadOnlyList<IJobHandler> JobHandlers => new IJobHandler[] { new TimerJobHandler(this), new TimerStartJobHandler(this), new AsyncContinuationJobHandler(this) };

    private IJobStore? JobStore => _store as IJobStore;

    /// <summary>
    /// Fires an instance's timer (job <paramref name="jobId"/>): the waiting token moves on and the
    /// instance runs to its next wait state, saved with the revision it was read at (the job leaves
    /// the instance's jobs in the same save). False, with nothing saved, when the instance is gone,
    /// has ended or no longer waits on that timer. A stale revision is a <see cref="FlowConcurrencyException"/>
    /// and changes nothing (the runner retries the job; then it finds the timer gone).
    /// </summary>
    public async Task<bool> FireTimerAsync(string instanceId, string jobId, CancellationToken cancellationToken = default)
    {
        var stored = await _store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Ended)
        {
            return false;
        }

        var version = _registry.Acquire(stored.DeploymentName, stored.DeploymentVersion, stored.TenantId)
            ?? throw FlowDeploymentException.UnknownVersion($"Instance {instanceId} runs on {stored.DeploymentName} v{stored.DeploymentVersion}, which is no longer registered.");
        using var activity = FlowTelemetry.Source.StartActivity("flow.timer");
        activity?.SetTag("flow.instance", instanceId);
        try
        {
            var process = Create(version, stored.ProcessKey);
            var instance = Resume(process, stored);
            if (!await instance.FireTimerAsync(jobId, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            await SaveResumedAsync(instance, stored, version, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _registry.Release(version);
        }
    }

    /// <summary>The instance's timers as its jobs (what a store saves with it); announces the earliest to a sleeping runner.</summary>
    private IReadOnlyList<ScheduledJob> TimerJobs(IFlowInstance instance)
    {
        var timers = instance.Timers;
        if (ReferenceEquals(timers, Array.Empty<TimerState>()) || timers.Count == 0 || instance.HasEnded)
        {
            return Array.Empty<ScheduledJob>();
        }

        var jobs = new ScheduledJob[timers.Count];
        var earliest = DateTimeOffset.MaxValue;
        for (var i = 0; i < jobs.Length; i++)
        {
            var timer = timers[i];
            jobs[i] = new ScheduledJob(timer.JobId, TimerState.JobKind, timer.DueAt) { InstanceId = instance.Id, NodeId = timer.NodeId };
            earliest = timer.DueAt < earliest ? timer.DueAt : earliest;
        }

        JobScheduled?.Invoke(earliest);
        return jobs;
    }

    /// <summary>After every activation: instance strategies, then the version's timer start events.</summary>
    private async Task OnActivatedAsync(DeployedVersion live, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await ApplyStrategiesAsync(live, keys, cancellationToken).ConfigureAwait(false);
        ReleaseNotResumed();
        await ScheduleStartTimersAsync(live, keys, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the timer start jobs of <paramref name="keys"/> those of <paramref name="live"/>: one
    /// job per timer start event (id <c>timer-start/{key}/{node}</c>); jobs of start events the
    /// version no longer has are cancelled. A job of the same definition (same definition hash)
    /// keeps its due time and count, so a host that restarts and deploys the same content goes on
    /// with the cycle instead of starting it again (the occurrences it missed: see <see cref="TimerMisfire"/>).
    /// </summary>
    private async Task ScheduleStartTimersAsync(DeployedVersion live, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (JobStore is not { } jobs)
        {
            return;
        }

        var existing = (await jobs.ListAsync(null, cancellationToken).ConfigureAwait(false))
            .Where(j => j.Kind == TimerStartJobKind && j.InstanceId is null)
            .ToDictionary(j => j.Id, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var definition = DefinitionOf(live, key);
            var prefix = StartJobPrefix + StartTimerKey(key, live.TenantId) + "/";
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var start in definition.Nodes.Where(n => n.Kind == NodeKind.StartEvent && n.EventKind == EventKind.Timer && n.ScopeId == definition.Key))
            {
                if (start.Timer?.Literal is not { } literal)
                {
                    continue;   // the compiler refuses expressions on start timers (FLOW1155)
                }

                var id = prefix + start.Id;
                wanted.Add(id);
                var payload = new StartTimerPayload(live.Scope, live.Version, key, start.Id, definition.DefinitionHash, 0);
                ScheduledJob job;
                if (existing.TryGetValue(id, out var current) && StartTimerPayload.Read(current.Payload) is { } before && before.DefinitionHash == definition.DefinitionHash)
                {
                    job = current with { Payload = (payload with { Fired = before.Fired }).Write() };
                }
                else
                {
                    job = new ScheduledJob(id, TimerStartJobKind, TimerSchedule.FirstDue(start.Id, start.Timer.Kind, literal, Clock.GetUtcNow())) { NodeId = start.Id, Payload = payload.Write() };
                }

                await jobs.ScheduleAsync(job, cancellationToken).ConfigureAwait(false);
                JobScheduled?.Invoke(job.DueAt);
            }

            foreach (var stale in existing.Keys.Where(id => id.StartsWith(prefix, StringComparison.Ordinal) && !wanted.Contains(id)))
            {
                await jobs.CancelAsync(stale, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Cancels the timer start jobs of <paramref name="keys"/> (their deployment was undeployed).</summary>
    private async Task CancelStartTimersAsync(IEnumerable<string> keys, string? tenantId, CancellationToken cancellationToken)
    {
        if (JobStore is not { } jobs)
        {
            return;
        }

        var prefixes = keys.Select(k => StartJobPrefix + StartTimerKey(k, tenantId) + "/").ToList();
        foreach (var job in await jobs.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (job.Kind == TimerStartJobKind && prefixes.Exists(p => job.Id.StartsWith(p, StringComparison.Ordinal)))
            {
                await jobs.CancelAsync(job.Id, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A timer start event fires: starts an instance of the job's version at the start event,
    /// with an id made from the job and its due time (so the same occurrence run twice, after a
    /// lost lease, starts one instance), then schedules the cycle's next occurrence, counted from
    /// this one's due time (occurrences it missed: see <see cref="TimerMisfire"/>).
    /// </summary>
    private async Task FireStartTimerAsync(LeasedJob leased, CancellationToken cancellationToken)
    {
        var job = leased.Job;
        var payload = StartTimerPayload.Read(job.Payload) ?? throw new InvalidOperationException($"Timer start job {job.Id} has no readable payload.");
        var version = _registry.Acquire(payload.DeploymentName, payload.DeploymentVersion);
        if (version is null)
        {
            Logger.LogWarning("{Id}: timer start job {Job} belongs to {Deployment} v{Version}, which is no longer registered; it is dropped.",
                TimerErrors.StartTimerOrphaned, job.Id, payload.DeploymentName, payload.DeploymentVersion);
            return;
        }

        using var activity = FlowTelemetry.Source.StartActivity("flow.timer-start");
        activity?.SetTag("flow.process", payload.Key);
        try
        {
            var process = Create(version, payload.Key);
            var instanceId = OccurrenceId(job);
            if (await _store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false) is null)
            {
                var instance = await process.StartAtAsync(payload.NodeId, process.DataFromJson("{}"), instanceId, cancellationToken).ConfigureAwait(false);
                var calls = await StartCallsAsync(instance, version, cancellationToken).ConfigureAwait(false);
                FlowTelemetry.InstancesStarted.Add(1);
                if (await _store.TrySaveAsync(Store(instance, Save(instance), payload.Key, version, revision: 0), 0, cancellationToken).ConfigureAwait(false))
                {
                    Hold(instance, version);
                    // saved: the caller gets the result, so the token is no longer observed (see docs/runtime.md, cancellation)
                    await AfterCallsAsync(instance, calls, CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    ReleaseCalls(calls);
                }
            }

            var timer = process.Definition.FindNode(payload.NodeId)?.Timer;
            var fired = payload.Fired + 1;
            if (timer is { Kind: TimerKind.Cycle, Literal: { } cycle } && TimerSchedule.NextCycleDue(cycle, job.DueAt, fired, Clock.GetUtcNow(), TimerMisfire) is { } next && JobStore is { } jobs)
            {
                // Replacing the job releases the lease: the runner's completion then finds nothing to remove.
                // The occurrence's instance is stored: the token is no longer observed, so a runner stopping
                // now schedules the next occurrence instead of leaving this one to run again (docs/runtime.md, cancellation).
                await jobs.ScheduleAsync(job with { DueAt = next.Due, Attempts = 0, LastError = null, Payload = (payload with { Fired = next.Fired }).Write() }, CancellationToken.None).ConfigureAwait(false);
                JobScheduled?.Invoke(next.Due);
            }
        }
        finally
        {
            _registry.Release(version);
        }
    }

    /// <summary>A GUID-shaped id that is the same for the same job and due time.</summary>
    private static string OccurrenceId(ScheduledJob job)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(job.Id + "@" + job.DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToHexString(bytes, 0, 16).ToLowerInvariant();
    }

    /// <summary>What a timer start job carries: which version and start event, and how often it fired.</summary>
    private sealed record StartTimerPayload(string DeploymentName, int DeploymentVersion, string Key, string NodeId, string DefinitionHash, int Fired)
    {
        public string Write() => new JsonObject
        {
            ["deployment"] = DeploymentName,
            ["version"] = DeploymentVersion,
            ["key"] = Key,
            ["node"] = NodeId,
            ["hash"] = DefinitionHash,
            ["fired"] = Fired,
        }.ToJsonString();

        public static StartTimerPayload? Read(string? json)
        {
            if (json is null || JsonNode.Parse(json) is not JsonObject o)
            {
                return null;
            }

            return new StartTimerPayload(
                (string)o["deployment"]!, (int)o["version"]!, (string)o["key"]!, (string)o["node"]!, (string)o["hash"]!, (int?)o["fired"] ?? 0);
        }
    }

    private sealed class TimerJobHandler(FlowEngine engine) : IJobHandler
    {
        public string Kind => TimerState.JobKind;

        public async ValueTask RunAsync(LeasedJob job, CancellationToken cancellationToken)
        {
            if (job.Job.InstanceId is { } instanceId)
            {
                await engine.FireTimerAsync(instanceId, job.Job.Id, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed class TimerStartJobHandler(FlowEngine engine) : IJobHandler
    {
        public string Kind => TimerStartJobKind;

        public ValueTask RunAsync(LeasedJob job, CancellationToken cancellationToken) => new(engine.FireStartTimerAsync(job, cancellationToken));
    }
}
