using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using Flow.Jobs;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>
/// A timer start cycle on a SQLite file across an outage (timer12): the host stops, the file keeps
/// the job's due time and count; a host started an hour later on the same file starts one late
/// instance (not one per missed occurrence) and the cycle goes on from the next future occurrence.
/// </summary>
public sealed class StartTimerMisfireRestartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string Bpmn(string cycle) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs">
          <bpmn:process id="tick" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:timerEventDefinition><bpmn:timeCycle>{cycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:userTask id="Check" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Check" />
            <bpmn:sequenceFlow id="F2" sourceRef="Check" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> EverySecond = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/tick.bpmn", Bpmn("R/PT1S")) }, Array.Empty<string>()));
    private static readonly Lazy<byte[]> FiveHourly = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/tick.bpmn", Bpmn("R5/PT1H")) }, Array.Empty<string>()));

    /// <summary>A host on the database file: its own store, engine (the same content deployed) and runner.</summary>
    private static async Task<(SqliteInstanceStore Store, FlowEngine Engine, JobRunner Runner)> HostAsync(TempDatabase db, FixedTime clock, byte[] assembly)
    {
        var store = db.Open(clock);
        var engine = new FlowEngine(new DeploymentRegistry(), store) { Clock = clock };
        var folder = Path.Combine(db.Folder, "tick-v1");
        if (!Directory.Exists(folder))
        {
            TestDeployment.Write(db.Folder, 1, assembly, folderName: "tick-v1");
        }

        await engine.DeployAsync(new[] { folder }).WaitAsync(Timeout);
        return (store, engine, new JobRunner(store, engine.JobHandlers, clock, new JobRunnerOptions { Owner = "host-" + Guid.NewGuid().ToString("N") }));
    }

    [Fact]
    public async Task An_every_second_cycle_restarted_after_an_hour_down_starts_one_late_instance_then_one_per_second()
    {
        using var db = new TempDatabase();
        var clock = new FixedTime(T0);
        var (_, _, first) = await HostAsync(db, clock, EverySecond.Value);
        clock.Now = T0.AddSeconds(1);
        Assert.Equal(1, await first.RunDueAsync().WaitAsync(Timeout));

        // The host goes down for an hour; a new one starts on the same file.
        clock.Now = T0.AddHours(1).AddSeconds(1);
        var (store, _, second) = await HostAsync(db, clock, EverySecond.Value);
        Assert.Equal(T0.AddSeconds(2), Assert.Single(await store.ListAsync()).DueAt);   // the file kept the missed due time

        Assert.Equal(1, await second.RunDueAsync().WaitAsync(Timeout));
        Assert.Equal(2, (await store.QueryAsync(new InstanceQuery("tick"))).Count);
        var next = Assert.Single(await db.Open(clock).ListAsync());
        Assert.Equal(T0.AddHours(1).AddSeconds(2), next.DueAt);
        Assert.Contains("\"fired\":3601", next.Payload, StringComparison.Ordinal);   // 2 fired, 3,599 skipped

        clock.Now = next.DueAt;
        Assert.Equal(1, await second.RunDueAsync().WaitAsync(Timeout));
        clock.Now = next.DueAt.AddSeconds(1);
        Assert.Equal(1, await second.RunDueAsync().WaitAsync(Timeout));
        Assert.Equal(4, (await store.QueryAsync(new InstanceQuery("tick"))).Count);
    }

    [Fact]
    public async Task An_R5_cycle_restarted_after_missing_three_fires_once_late_then_the_two_left()
    {
        using var db = new TempDatabase();
        var clock = new FixedTime(T0);
        await HostAsync(db, clock, FiveHourly.Value);

        clock.Now = T0.AddHours(3.5);
        var (store, _, runner) = await HostAsync(db, clock, FiveHourly.Value);
        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));
        var next = Assert.Single(await db.Open(clock).ListAsync());
        Assert.Equal(T0.AddHours(4), next.DueAt);
        Assert.Contains("\"fired\":3", next.Payload, StringComparison.Ordinal);

        clock.Now = T0.AddHours(4);
        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));
        clock.Now = T0.AddHours(5);
        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));
        clock.Now = T0.AddDays(1);
        Assert.Equal(0, await runner.RunDueAsync().WaitAsync(Timeout));

        Assert.Empty(await store.ListAsync());
        Assert.Equal(3, (await store.QueryAsync(new InstanceQuery("tick"))).Count);
    }
}
