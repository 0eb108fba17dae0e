using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using Flow.Jobs;

namespace Flow.Runtime.Sqlite.Tests.Cancellation;

/// <summary>
/// A timer start cycle's occurrence, cancelled once its instance is saved (redteam6): the next
/// occurrence is scheduled anyway, so the job is not left to run the same occurrence again (after a
/// retention sweep removed its ended instance, that would start it twice). On a real SQLite file.
/// </summary>
public sealed class StartTimerCancelAfterSaveTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs">
          <bpmn:process id="tick" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:userTask id="Check" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Check" />
            <bpmn:sequenceFlow id="F2" sourceRef="Check" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/tick.bpmn", Bpmn) }, Array.Empty<string>()));

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_start_timer_cancelled_once_its_instance_is_saved_still_schedules_the_next_occurrence()
    {
        using var db = new TempDatabase();
        var clock = new FixedTime(T0);
        var store = new CancellingStore(db.Open(clock));
        var engine = new FlowEngine(new DeploymentRegistry(), store) { Clock = clock };
        TestDeployment.Write(db.Folder, 1, Assembly.Value, folderName: "tick-v1");
        await engine.DeployAsync(new[] { Path.Combine(db.Folder, "tick-v1") }).WaitAsync(Timeout);
        clock.Now = T0.AddHours(1);
        var leased = Assert.Single(await store.AcquireDueAsync("node-a", clock.Now, TimeSpan.FromMinutes(5), 10));
        var handler = engine.JobHandlers.Single(h => h.Kind == FlowEngine.TimerStartJobKind);
        using var cts = new CancellationTokenSource();
        store.CancelAfterSaveOf(cts);

        await handler.RunAsync(leased, cts.Token).AsTask().WaitAsync(Timeout);

        Assert.True(cts.IsCancellationRequested);
        var reopened = db.Open(clock);
        var started = Assert.Single(await reopened.QueryAsync(new InstanceQuery("tick")));
        Assert.Equal(InstanceStatus.Waiting, started.Status);
        var next = Assert.Single(await reopened.ListAsync());
        Assert.Equal((leased.Job.Id, T0.AddHours(2)), (next.Id, next.DueAt));
        Assert.Contains("\"fired\":1", next.Payload, StringComparison.Ordinal);
    }

    /// <summary>A SQLite store (instances and jobs) that cancels a token right after the next instance save committed.</summary>
    private sealed class CancellingStore(SqliteInstanceStore inner) : IInstanceStore, IJobStore
    {
        private CancellationTokenSource? _cts;

        public void CancelAfterSaveOf(CancellationTokenSource cts) => _cts = cts;

        public async ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
        {
            var saved = await inner.TrySaveAsync(instance, expectedRevision, cancellationToken).ConfigureAwait(false);
            if (saved && Interlocked.Exchange(ref _cts, null) is { } cts)
            {
                await cts.CancelAsync().ConfigureAwait(false);
            }

            return saved;
        }

        public ValueTask<StoredInstance?> LoadAsync(string instanceId, CancellationToken cancellationToken = default) => inner.LoadAsync(instanceId, cancellationToken);

        public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public ValueTask<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default) => inner.DeleteAsync(instanceId, cancellationToken);

        public ValueTask ScheduleAsync(ScheduledJob job, CancellationToken cancellationToken = default) => inner.ScheduleAsync(job, cancellationToken);

        public ValueTask<bool> CancelAsync(string jobId, CancellationToken cancellationToken = default) => inner.CancelAsync(jobId, cancellationToken);

        public ValueTask<IReadOnlyList<LeasedJob>> AcquireDueAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int max, CancellationToken cancellationToken = default) =>
            inner.AcquireDueAsync(owner, now, leaseDuration, max, cancellationToken);

        public ValueTask<bool> CompleteAsync(LeasedJob job, CancellationToken cancellationToken = default) => inner.CompleteAsync(job, cancellationToken);

        public ValueTask<bool> FailAsync(LeasedJob job, DateTimeOffset? retryAt, string error, CancellationToken cancellationToken = default) =>
            inner.FailAsync(job, retryAt, error, cancellationToken);

        public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) => inner.NextDueAsync(cancellationToken);

        public ValueTask<IReadOnlyList<ScheduledJob>> ListAsync(string? instanceId = null, CancellationToken cancellationToken = default) => inner.ListAsync(instanceId, cancellationToken);
    }
}
