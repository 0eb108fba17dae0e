using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Compensation.CompensationBpmn;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Compensation;

/// <summary>
/// Compensation of loop and multi-instance activities (issue 13, was FLOW1314 "runs once"): as in
/// Camunda, the handler runs once per completed element, latest completed first, and sees the
/// element's loopCounter; elements that never completed are not compensated.
/// </summary>
public class LoopedCompensationTests
{
    private const string UndoHandler =
        "namespace Flows.Under.Test { public partial class TestProcess {\n"
        + "private partial System.Threading.Tasks.ValueTask Undo(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) { c.Data.log.Add(\"Undo@\" + c.Loop.LoopCounter); return default; }\n"
        + "} }";

    /// <summary>Start → <paramref name="work"/> (id Work, compensated by Undo) → Review (user task) → compensate everything → End.</summary>
    private static string Undoing(string work) => Process($"""
            <bpmn:startEvent id="Start" />
            {work}
            <bpmn:userTask id="Review" />
        {Throw("CompensateAll")}
            <bpmn:endEvent id="End" />
        {Compensates("WorkBoundary", "Work", "Undo")}
        {Undo("Undo")}
        {Seq("F1", "Start", "Work")}
        {Seq("F2", "Work", "Review")}
        {Seq("F3", "Review", "CompensateAll")}
        {Seq("F4", "CompensateAll", "End")}
        """);

    private static TestFlow Build(string work) => TestFlow.Build(Undoing(work), Array.Empty<string>(), UndoHandler);

    [Fact]
    public async Task A_sequential_multi_instance_task_is_undone_per_element_in_reverse_order()
    {
        var flow = Build("""<bpmn:scriptTask id="Work" scriptFormat="csharp"><bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics><bpmn:script>log.Add("Work@" + loopCounter);</bpmn:script></bpmn:scriptTask>""");
        var instance = RoundTrip(flow, await flow.StartAsync());
        Assert.Contains("\"LoopCounter\":2", instance.ToJson(), StringComparison.Ordinal);

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Work@0", "Work@1", "Work@2", "Undo@2", "Undo@1", "Undo@0" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_parallel_multi_instance_user_task_is_undone_in_reverse_order_of_completion()
    {
        var flow = Build("""<bpmn:userTask id="Work"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>""");
        var instance = await flow.StartAsync();
        await instance.CompleteElementWithJsonAsync("Work", 2, null);
        await instance.CompleteElementWithJsonAsync("Work", 0, null);
        await instance.CompleteElementWithJsonAsync("Work", 1, null);

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Undo@1", "Undo@0", "Undo@2" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task Elements_cut_off_by_the_completion_condition_are_not_compensated()
    {
        var flow = Build("""<bpmn:userTask id="Work"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>4</bpmn:loopCardinality><bpmn:completionCondition>${nrOfCompletedInstances >= 2}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>""");
        var instance = await flow.StartAsync();
        await instance.CompleteElementWithJsonAsync("Work", 3, null);
        await instance.CompleteElementWithJsonAsync("Work", 1, null);

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Undo@1", "Undo@3" }, TestFlow.Log(instance));
    }
}
