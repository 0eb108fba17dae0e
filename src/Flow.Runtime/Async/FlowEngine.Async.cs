using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Hosting;
using Flow.Jobs;
using Microsoft.Extensions.Logging;

namespace Flow.Engine;

/// <summary>
/// Job boundaries (camunda:asyncBefore/asyncAfter): a command that reaches one saves the instance
/// with a due job of kind <see cref="ContinuationState.JobKind"/> and returns; the job runner (on
/// any node, leased) goes on from there through <see cref="ContinueAsync"/>, a transaction of its own.
/// </summary>
public sealed partial class FlowEngine
{
    /// <summary>How often a continuation reads the instance again when another command saved it first.</summary>
    private const int ContinuationConflictRetries = 8;

    /// <summary>The jobs saved with an instance: its timers and its tokens waiting at job boundaries.</summary>
    private IReadOnlyList<ScheduledJob> InstanceJobs(IFlowInstance instance)
    {
        var timers = TimerJobs(instance);
        if (instance is not IContinuable continuable || continuable.Continuations is var continuations && (ReferenceEquals(continuations, Array.Empty<ContinuationState>()) || continuations.Count == 0) || instance.HasEnded)
        {
            return timers;
        }

        var jobs = new List<ScheduledJob>(timers.Count + continuable.Continuations.Count);
        jobs.AddRange(timers);
        var earliest = DateTimeOffset.MaxValue;
        foreach (var continuation in continuable.Continuations)
        {
            var settings = continuable.Definition.FindNode(continuation.NodeId)?.Async;
            jobs.Add(new ScheduledJob(continuation.JobId, ContinuationState.JobKind, continuation.DueAt)
            {
                InstanceId = instance.Id,
                NodeId = continuation.NodeId,
                Payload = AsyncJobPayload.Of(settings).Write(),
            });
            earliest = continuation.DueAt < earliest ? continuation.DueAt : earliest;
        }

        JobScheduled?.Invoke(earliest);
        return jobs;
    }

    /// <summary>
    /// Runs the job <paramref name="jobId"/> of a job boundary: the waiting token goes on and the
    /// instance runs to its next wait state, saved with the revision it was read at (the job leaves
    /// the instance's jobs in the same save). False, with nothing saved, when the instance is gone,
    /// has ended or no longer waits for that job. A handler that fails throws its exception and
    /// nothing is saved (the runner retries the job), unless <paramref name="lastAttempt"/>: then
    /// the instance is saved failed, as a failure in any command is (FLOW6261), and can be retried.
    /// A stale revision is a <see cref="FlowConcurrencyException"/> and changes nothing.
    /// </summary>
    public async Task<bool> ContinueAsync(string instanceId, string jobId, bool lastAttempt = true, CancellationToken cancellationToken = default)
    {
        var stored = await _store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Ended)
        {
            return false;
        }

        var version = _registry.Acquire(stored.DeploymentName, stored.DeploymentVersion, stored.TenantId)
            ?? throw FlowDeploymentException.UnknownVersion($"Instance {instanceId} runs on {stored.DeploymentName} v{stored.DeploymentVersion}, which is no longer registered.");
        using var activity = FlowTelemetry.Source.StartActivity("flow.async-continuation");
        activity?.SetTag("flow.instance", instanceId);
        try
        {
            var process = Create(version, stored.ProcessKey);
            var instance = Resume(process, stored);
            if (instance is not IContinuable continuable || !await continuable.ContinueAsync(jobId, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (instance.Status == InstanceStatus.Failed && !instance.HasEnded)
            {
                if (!lastAttempt)
                {
                    // Nothing is saved: the job stays, and the runner runs it again later.
                    if (instance.Exception is { } exception)
                    {
                        ExceptionDispatchInfo.Capture(exception).Throw();
                    }

                    throw new FlowExecutionException(instance.Failure?.NodeId ?? "", instance.Failure?.Message ?? "The continuation failed.");
                }

                Logger.LogError(instance.Exception, "{Id}: the job {Job} of instance {Instance} failed its last attempt at '{Node}': {Message} The instance is failed; retry it to schedule the job again.",
                    AsyncErrors.ContinuationFailed, jobId, instanceId, instance.Failure?.NodeId, instance.Failure?.Message);
            }

            await SaveResumedAsync(instance, stored, version, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _registry.Release(version);
        }
    }

    /// <summary>What a continuation job carries: its boundary's attempts, waits and priority, so the runner needs no definition.</summary>
    internal sealed record AsyncJobPayload(int Attempts, TimeSpan[] Delays, int Priority, bool Exclusive)
    {
        private static readonly AsyncJobPayload Default = new(AsyncDescription.DefaultAttempts, Array.Empty<TimeSpan>(), 0, true);

        public static AsyncJobPayload Of(AsyncDescription? settings) =>
            settings is null ? Default : new(settings.MaxAttempts, ToArray(settings.RetryDelays), settings.Priority, settings.Exclusive);

        public string Write()
        {
            var delays = new JsonArray();
            foreach (var delay in Delays)
            {
                delays.Add((long)delay.TotalMilliseconds);
            }

            return new JsonObject { ["attempts"] = Attempts, ["delaysMs"] = delays, ["priority"] = Priority, ["exclusive"] = Exclusive }.ToJsonString();
        }

        public static AsyncJobPayload Read(string? json)
        {
            if (json is null || JsonNode.Parse(json) is not JsonObject o)
            {
                return Default;
            }

            var delays = new List<TimeSpan>();
            if (o["delaysMs"] is JsonArray array)
            {
                foreach (var item in array)
                {
                    delays.Add(TimeSpan.FromMilliseconds((long)item!));
                }
            }

            return new((int?)o["attempts"] ?? AsyncDescription.DefaultAttempts, delays.ToArray(), (int?)o["priority"] ?? 0, (bool?)o["exclusive"] ?? true);
        }

        private static TimeSpan[] ToArray(IReadOnlyList<TimeSpan> list)
        {
            var array = new TimeSpan[list.Count];
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = list[i];
            }

            return array;
        }
    }

    /// <summary>
    /// Runs continuation jobs. Its retries are the boundary's (failedJobRetryTimeCycle, else 3
    /// attempts with the runner's delays); the last attempt saves the instance failed. Another
    /// command saving the instance first (a stale revision) is not a failure: the job reads the
    /// instance again and runs on the new state, so jobs of one instance take effect one at a time.
    /// </summary>
    private sealed class AsyncContinuationJobHandler(FlowEngine engine) : IJobHandler, IJobRetryPolicy
    {
        public string Kind => ContinuationState.JobKind;

        public async ValueTask RunAsync(LeasedJob job, CancellationToken cancellationToken)
        {
            if (job.Job.InstanceId is not { } instanceId)
            {
                return;
            }

            var lastAttempt = job.Job.Attempts + 1 >= AsyncJobPayload.Read(job.Job.Payload).Attempts;
            for (var conflicts = 0; ; conflicts++)
            {
                try
                {
                    await engine.ContinueAsync(instanceId, job.Job.Id, lastAttempt, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (FlowConcurrencyException) when (conflicts < ContinuationConflictRetries)
                {
                    // Another command saved the instance after this one read it: read it again.
                }
            }
        }

        public int MaxAttempts(ScheduledJob job) => AsyncJobPayload.Read(job.Payload).Attempts;

        public TimeSpan? RetryDelay(ScheduledJob job, int failedAttempts)
        {
            var delays = AsyncJobPayload.Read(job.Payload).Delays;
            return delays.Length == 0 ? null : delays[Math.Min(failedAttempts, delays.Length) - 1];
        }

        public int Priority(ScheduledJob job) => AsyncJobPayload.Read(job.Payload).Priority;
    }
}
