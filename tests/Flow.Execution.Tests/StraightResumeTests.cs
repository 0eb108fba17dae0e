using System.Reflection;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// The straight-line method is synchronous: a handler whose task has not completed stops the run
/// at its step, the runtime awaits the task and calls the method again, which skips what already
/// ran and goes on after that handler. These runs must match the token engine's, step for step.
/// </summary>
public class StraightResumeTests
{
    // Receive → choice (Review sets amount to 0, so choosing again would take the other branch)
    // → merge → parallel: Invoice | Label → join → sub-process (Pick, script Count) → Ship → End.
    private static readonly string Routing = Process($"""
            <bpmn:startEvent id="Start" />
        {Service("Receive")}
            <bpmn:exclusiveGateway id="Split" default="Low" />
        {Service("Review")}
        {Service("Approve")}
            <bpmn:exclusiveGateway id="Merge" />
            <bpmn:parallelGateway id="Fork" />
        {Service("Invoice")}
        {Service("Label")}
            <bpmn:parallelGateway id="Join" />
            <bpmn:subProcess id="Pack">
              <bpmn:startEvent id="PackStart" />
              <bpmn:serviceTask id="Pick" flow:handler="Pick" />
              <bpmn:scriptTask id="Count" scriptFormat="csharp"><bpmn:script>count = count + 1; log.Add("Count");</bpmn:script></bpmn:scriptTask>
              <bpmn:endEvent id="PackEnd" />
              <bpmn:sequenceFlow id="P1" sourceRef="PackStart" targetRef="Pick" />
              <bpmn:sequenceFlow id="P2" sourceRef="Pick" targetRef="Count" />
              <bpmn:sequenceFlow id="P3" sourceRef="Count" targetRef="PackEnd" />
            </bpmn:subProcess>
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Receive")}
        {Seq("F2", "Receive", "Split")}
        {Seq("High", "Split", "Review", "amount &gt; 1000")}
        {Seq("Low", "Split", "Approve")}
        {Seq("F3", "Review", "Merge")}
        {Seq("F4", "Approve", "Merge")}
        {Seq("F5", "Merge", "Fork")}
        {Seq("F6", "Fork", "Invoice")}
        {Seq("F7", "Fork", "Label")}
        {Seq("F8", "Invoice", "Join")}
        {Seq("F9", "Label", "Join")}
        {Seq("F10", "Join", "Pack")}
        {Seq("F11", "Pack", "Ship")}
        {Seq("F12", "Ship", "End")}
        """, Variable("amount", "int") + Variable("count", "int") + Variable("yields", "bool") + Variable("fails", "bool") + Variable("pending", "int"));

    /// <summary>
    /// Each handler logs its id; with <c>yields</c> it first waits for a gate opened a millisecond after
    /// its task was looked at, so its task is not complete when returned (counted in <c>pending</c>: under the test runner's synchronization
    /// context a <c>Task.Yield</c> continuation could run before the caller looked at the task).
    /// </summary>
    private const string Handlers = """
        namespace Flows.Under.Test { public partial class TestProcess {
            public static System.Threading.CancellationTokenSource? CancelAfterReceive;

            private static System.Threading.Tasks.ValueTask Step(Data d, string id)
            {
                // The gate opens a millisecond after the task was looked at (not from when it began),
                // so a loaded machine cannot finish it before it is counted.
                var gate = d.yields ? new System.Threading.Tasks.TaskCompletionSource() : null;
                var task = StepAsync(d, id, gate?.Task);
                if (!task.IsCompleted) d.pending++;
                if (gate is not null) _ = System.Threading.Tasks.Task.Delay(1).ContinueWith(_ => gate.SetResult(), System.Threading.Tasks.TaskScheduler.Default);
                return task;
            }

            private static async System.Threading.Tasks.ValueTask StepAsync(Data d, string id, System.Threading.Tasks.Task? gate)
            {
                if (gate is not null) await gate.ConfigureAwait(false);
                d.log.Add(id);
                if (id == "Receive") CancelAfterReceive?.Cancel();
                if (id == "Invoice" && d.fails) throw new System.InvalidOperationException("invoice failed");
            }

            private partial System.Threading.Tasks.ValueTask Receive(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) => Step(c.Data, "Receive");
            private partial System.Threading.Tasks.ValueTask Review(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) { c.Data.amount = 0; return Step(c.Data, "Review"); }
            private partial System.Threading.Tasks.ValueTask Approve(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) => Step(c.Data, "Approve");
            private partial System.Threading.Tasks.ValueTask Invoice(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) => Step(c.Data, "Invoice");
            private partial System.Threading.Tasks.ValueTask Label(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) => Step(c.Data, "Label");
            private partial System.Threading.Tasks.ValueTask Pick(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) => Step(c.Data, "Pick");
            private partial System.Threading.Tasks.ValueTask Ship(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) => Step(c.Data, "Ship");
        } }
        """;

    private static readonly Lazy<TestFlow> Flow = new(() => TestFlow.Build(Routing, Array.Empty<string>(), Handlers));

    /// <summary>The benchmark's four-handler process: start → task → exclusive split → one of two tasks → merge → task → end.</summary>
    private static readonly string FourHandlers = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Receive" flow:handler="Count" />
            <bpmn:exclusiveGateway id="Split" />
            <bpmn:serviceTask id="Review" flow:handler="Count" />
            <bpmn:serviceTask id="Approve" flow:handler="Count" />
            <bpmn:exclusiveGateway id="Merge" />
            <bpmn:serviceTask id="Ship" flow:handler="Count" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Receive")}
        {Seq("F2", "Receive", "Split")}
        {Seq("High", "Split", "Review", "amount &gt; 1000")}
        {Seq("Low", "Split", "Approve", "amount &lt;= 1000")}
        {Seq("F3", "Review", "Merge")}
        {Seq("F4", "Approve", "Merge")}
        {Seq("F5", "Merge", "Ship")}
        {Seq("F6", "Ship", "End")}
        """, Variable("amount", "decimal") + Variable("count", "int"));

    private const string CountingHandler = """
        namespace Flows.Under.Test { public partial class TestProcess {
            private partial System.Threading.Tasks.ValueTask Count(Flow.TaskContext<Data> c, System.Threading.CancellationToken t)
            {
                c.Data.count++;
                return default;
            }
        } }
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(500, false)]
    [InlineData(500, true)]
    [InlineData(5000, false)]
    [InlineData(5000, true)]
    public async Task A_run_whose_handlers_await_takes_the_steps_the_token_engine_takes(int amount, bool yields)
    {
        Assert.True(HasStraightPath(Flow.Value.Process));
        EngineSwitch.ForceTokenEngine = false;
        var straight = await Flow.Value.StartAsync(("amount", amount), ("yields", yields)).WaitAsync(Timeout);
        EngineSwitch.ForceTokenEngine = true;
        var engine = await Flow.Value.StartAsync(("amount", amount), ("yields", yields)).WaitAsync(Timeout);
        EngineSwitch.ForceTokenEngine = false;

        Assert.Equal(InstanceStatus.Completed, straight.Status);
        Assert.Equal(engine.Trace, straight.Trace);
        Assert.Equal(TestFlow.Log(engine), TestFlow.Log(straight));
        Assert.Equal(1, TestFlow.Get<int>(straight, "count"));
        Assert.Equal(yields ? 6 : 0, TestFlow.Get<int>(straight, "pending"));
        var branch = amount > 1000 ? "Review" : "Approve";
        Assert.Equal(new[] { "Receive", branch, "Invoice", "Label", "Pick", "Count", "Ship" }, TestFlow.Log(straight));
    }

    [Fact]
    public async Task RunAsync_resumes_after_awaiting_handlers_without_an_instance()
    {
        var data = Flow.Value.NewData(("amount", 5000), ("yields", true));

        var outcome = await RunAsync(Flow.Value.Process, data).WaitAsync(Timeout);

        Assert.Equal(InstanceStatus.Completed, outcome.Status);
        Assert.Equal(6, (int)data.GetType().GetProperty("pending")!.GetValue(data)!);
        Assert.Equal(new[] { "Receive", "Review", "Invoice", "Label", "Pick", "Count", "Ship" }, (List<string>)data.GetType().GetProperty("log")!.GetValue(data)!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_handler_that_fails_after_awaiting_fails_the_run_at_its_node(bool yields)
    {
        EngineSwitch.ForceTokenEngine = false;

        var instance = await Flow.Value.StartAsync(("amount", 500), ("yields", yields), ("fails", true)).WaitAsync(Timeout);

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Invoice", instance.Failure!.NodeId);
        Assert.Equal(new[] { "Receive", "Approve", "Invoice" }, TestFlow.Log(instance));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cancellation_seen_after_an_awaiting_handler_stops_the_run_before_the_next_activity(bool yields)
    {
        var flow = TestFlow.Build(Routing, Array.Empty<string>(), Handlers);
        using var source = new CancellationTokenSource();
        flow.Process.GetType().GetField("CancelAfterReceive")!.SetValue(null, source);
        EngineSwitch.ForceTokenEngine = false;
        var data = flow.NewData(("amount", 500), ("yields", yields));

        var run = flow.Process.StartAsync(data, source.Token).AsTask();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Timeout));

        // Canceled, as an async method's task would be, not faulted.
        Assert.True(run.IsCanceled);
        Assert.Equal(new[] { "Receive" }, (List<string>)data.GetType().GetProperty("log")!.GetValue(data)!);
    }

    [Fact]
    public void A_run_without_an_instance_allocates_nothing_when_its_handlers_complete_synchronously()
    {
        var flow = TestFlow.Build(FourHandlers, Array.Empty<string>(), CountingHandler);
        Assert.True(HasStraightPath(flow.Process));
        EngineSwitch.ForceTokenEngine = false;
        var process = flow.Process;
        var measure = typeof(StraightResumeTests).GetMethod(nameof(AllocatedPerRun), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(process.GetType().BaseType!.GetGenericArguments());
        const int runs = 2_000;
        var data = Enumerable.Range(0, 2 * runs).Select(i => flow.NewData(("amount", i % 2 == 0 ? 500m : 5000m))).ToArray();
        var typed = Array.CreateInstance(process.DataType, data.Length);
        Array.Copy(data, typed, data.Length);

        var perRun = (double)measure.Invoke(null, new object[] { process, typed, runs })!;

        Assert.Equal(0, perRun);
        Assert.All(data, d => Assert.Equal(3, (int)d.GetType().GetProperty("count")!.GetValue(d)!));
    }

    /// <summary>Bytes allocated per warm <c>RunAsync</c>, measured on this thread around direct calls (no reflection inside).</summary>
    private static double AllocatedPerRun<TData, TInstance>(FlowProcess<TData, TInstance> process, TData[] data, int runs)
        where TData : class
        where TInstance : FlowInstance<TData>
    {
        for (var i = 0; i < runs; i++)
        {
            Check(process.RunAsync(data[i])); // warm up: the JIT's own allocations stay out of the count
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = runs; i < 2 * runs; i++)
        {
            Check(process.RunAsync(data[i]));
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)runs;
    }

    private static void Check(ValueTask<RunOutcome> run)
    {
        if (!run.IsCompletedSuccessfully || run.Result.Status != InstanceStatus.Completed)
        {
            throw new InvalidOperationException("The run did not complete synchronously.");
        }
    }

    private static bool HasStraightPath(IFlowProcess process) =>
        (bool)process.GetType().GetProperty("HasStraightPath", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(process)!;

    private static async Task<RunOutcome> RunAsync(IFlowProcess process, object data)
    {
        var run = process.GetType().GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Instance)!;
        return await (ValueTask<RunOutcome>)run.Invoke(process, new[] { data, CancellationToken.None })!;
    }
}
