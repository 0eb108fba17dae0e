using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// A straight-line run allocates its instance and nothing else (the data is the caller's):
/// no state object, trace list, token or id until someone asks for them.
/// </summary>
public class AllocationTests
{
    private static readonly string Order = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Validate" flow:handler="Count" />
            <bpmn:exclusiveGateway id="Amount" default="Low" />
            <bpmn:serviceTask id="Review" flow:handler="Count" />
            <bpmn:serviceTask id="Approve" flow:handler="Count" />
            <bpmn:exclusiveGateway id="Merge" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:serviceTask id="Invoice" flow:handler="Count" />
            <bpmn:serviceTask id="Ship" flow:handler="Count" />
            <bpmn:parallelGateway id="Join" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Validate")}
        {Seq("F2", "Validate", "Amount")}
        {Seq("High", "Amount", "Review", "amount &gt; 1000")}
        {Seq("Low", "Amount", "Approve")}
        {Seq("F3", "Review", "Merge")}
        {Seq("F4", "Approve", "Merge")}
        {Seq("F5", "Merge", "Fork")}
        {Seq("F6", "Fork", "Invoice")}
        {Seq("F7", "Fork", "Ship")}
        {Seq("F8", "Invoice", "Join")}
        {Seq("F9", "Ship", "Join")}
        {Seq("F10", "Join", "End")}
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

    /// <summary>On x64: header and method table, four references (process, data, state, id) and the outcome word.</summary>
    private const long InstanceBytes = 56;

    [Fact]
    public void A_straight_line_run_allocates_only_its_instance()
    {
        var flow = TestFlow.Build(Order, Array.Empty<string>(), CountingHandler);
        EngineSwitch.ForceTokenEngine = false;
        const int runs = 1_000;
        var data = Enumerable.Range(0, 2 * runs).Select(i => flow.NewData(("amount", i % 2 == 0 ? 500m : 5000m))).ToArray();
        for (var i = 0; i < runs; i++)
        {
            Run(flow.Process, data[i]); // warm up: the JIT's own allocations stay out of the count
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = runs; i < 2 * runs; i++)
        {
            Run(flow.Process, data[i]);
        }

        var perRun = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)runs;

        Assert.Equal(4, (int)data[^1].GetType().GetProperty("count")!.GetValue(data[^1])!);
        Assert.True(perRun <= InstanceBytes, $"A straight-line run allocated {perRun} bytes; its instance alone is {InstanceBytes}.");
    }

    [Fact]
    public async Task The_state_made_on_first_read_holds_the_whole_run()
    {
        var flow = TestFlow.Build(Order, Array.Empty<string>(), CountingHandler);
        EngineSwitch.ForceTokenEngine = false;

        var instance = await flow.StartAsync(("amount", 5000m));
        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());

        Assert.Equal(instance.Id, resumed.Id);
        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(new[] { "Start", "Validate", "Amount", "Review", "Merge", "Fork", "Invoice", "Ship", "Join", "End" }, resumed.Trace);
        Assert.Equal(4, TestFlow.Get<int>(resumed, "count"));
    }

    private static void Run(IFlowProcess process, object data)
    {
        var run = process.StartAsync(data);
        if (!run.IsCompletedSuccessfully || run.Result.Status != InstanceStatus.Completed)
        {
            throw new InvalidOperationException("The run did not complete synchronously.");
        }
    }
}
