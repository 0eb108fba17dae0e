using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Loops;

/// <summary>Multi-instance user tasks: one wait state per element, completed by index in any order.</summary>
public class MultiInstanceUserTaskTests
{
    private const string Dollar = "$";

    private static string Approvals(bool sequential, string completion = "") => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Approve">
              <bpmn:extensionElements><flow:output name="vote" type="int" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" camunda:collection="approvers" camunda:elementVariable="approver" flow:outputCollection="votes" flow:outputElement="{Dollar}{"{approver + &quot;:&quot; + vote}"}">{completion}</bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
        {Service("After")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Approve")}
        {Seq("F2", "Approve", "After")}
        {Seq("F3", "After", "End")}
        """, Variable("approvers", "string[]") + Variable("vote", "int") + Variable("votes", "System.Collections.Generic.List&lt;string&gt;"));

    private static Task Complete(IFlowInstance instance, int index, int vote) =>
        instance.CompleteElementWithJsonAsync("Approve", index, "{\"vote\": " + vote + "}").AsTask();

    [Fact]
    public async Task Parallel_elements_all_wait_and_complete_out_of_order_with_outputs_gathered_by_index()
    {
        var flow = TestFlow.Build(Approvals(sequential: false), new[] { "After" });
        var instance = await flow.StartAsync(("approvers", new[] { "ann", "bob", "cy" }));

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { 0, 1, 2 }, instance.WaitingElements("Approve"));
        await Complete(instance, 2, 7);
        await Complete(instance, 0, 5);
        Assert.Equal(new[] { 1 }, instance.WaitingElements("Approve"));
        await Complete(instance, 1, 6);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "ann:5", "bob:6", "cy:7" }, TestFlow.Get<List<string>>(instance, "votes"));
        Assert.Equal(new[] { "After" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task The_typed_completion_takes_the_element_index()
    {
        var flow = TestFlow.Build(Approvals(sequential: false), new[] { "After" });
        var instance = await flow.StartAsync(("approvers", new[] { "ann", "bob" }));

        // The generated API: instance.CompleteApproveAsync(1, new ApproveResult(9)).
        var resultType = flow.Assembly.Assembly.GetType("Flows.Under.Test.TestProcess+ApproveResult", throwOnError: true)!;
        var complete = instance.GetType().GetMethod("CompleteApproveAsync", new[] { typeof(int), resultType, typeof(CancellationToken) })!;
        await (ValueTask)complete.Invoke(instance, new[] { 1, Activator.CreateInstance(resultType, 9)!, CancellationToken.None })!;

        Assert.Equal(new[] { 0 }, instance.WaitingElements("Approve"));
    }

    [Fact]
    public async Task A_completion_condition_withdraws_the_elements_still_waiting()
    {
        var flow = TestFlow.Build(
            Approvals(sequential: false, "<bpmn:completionCondition>${nrOfCompletedInstances >= 2}</bpmn:completionCondition>"),
            new[] { "After" });
        var instance = await flow.StartAsync(("approvers", new[] { "ann", "bob", "cy", "dan" }));

        await Complete(instance, 3, 1);
        await Complete(instance, 1, 1);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.WaitingElements("Approve"));
        var late = await Assert.ThrowsAsync<FlowInstanceException>(() => Complete(instance, 0, 1));
        Assert.Equal("FLOW6042", late.Id);
        Assert.Equal(new[] { "After" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task Completing_a_parallel_element_without_index_or_twice_is_refused_and_changes_nothing()
    {
        var flow = TestFlow.Build(Approvals(sequential: false), new[] { "After" });
        var instance = await flow.StartAsync(("approvers", new[] { "ann", "bob" }));
        await Complete(instance, 0, 1);
        var before = instance.ToJson();

        var noIndex = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CompleteAsync("Approve").AsTask());
        var twice = await Assert.ThrowsAsync<FlowInstanceException>(() => Complete(instance, 0, 1));
        var outOfRange = await Assert.ThrowsAsync<FlowInstanceException>(() => Complete(instance, 2, 1));

        Assert.Equal("FLOW6220", noIndex.Id);
        Assert.Contains("elements 1 wait", noIndex.Message);
        Assert.Equal("FLOW6221", twice.Id);
        Assert.Equal("FLOW6221", outOfRange.Id);
        Assert.Equal(before, instance.ToJson());
    }

    [Fact]
    public async Task Sequential_elements_wait_one_after_the_other_in_loopCounter_order()
    {
        var flow = TestFlow.Build(Approvals(sequential: true), new[] { "After" });
        var instance = await flow.StartAsync(("approvers", new[] { "ann", "bob" }));

        Assert.Equal(new[] { 0 }, instance.WaitingElements("Approve"));
        Assert.Equal("FLOW6221", (await Assert.ThrowsAsync<FlowInstanceException>(() => Complete(instance, 1, 1))).Id);
        await instance.CompleteWithJsonAsync("Approve", "{\"vote\": 4}");
        Assert.Equal(new[] { 1 }, instance.WaitingElements("Approve"));
        await Complete(instance, 1, 3);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "ann:4", "bob:3" }, TestFlow.Get<List<string>>(instance, "votes"));
        Assert.Equal(new[] { "Start", "Approve", "Approve", "After", "End" }, instance.Trace);
    }

    [Fact]
    public async Task An_empty_collection_passes_the_user_task()
    {
        var flow = TestFlow.Build(Approvals(sequential: false), new[] { "After" });

        var instance = await flow.StartAsync(("approvers", Array.Empty<string>()));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Approve", "After", "End" }, instance.Trace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_multi_instance_wait_survives_a_json_round_trip_between_completions(bool sequential)
    {
        var flow = TestFlow.Build(Approvals(sequential), new[] { "After" });
        var instance = await flow.StartAsync(("approvers", new[] { "ann", "bob", "cy" }));
        await Complete(instance, 0, 1);

        var json = instance.ToJson();
        var resumed = flow.NewProcess().ResumeFromJson(json);
        Assert.Equal(json, resumed.ToJson());
        Assert.Equal(sequential ? new[] { 1 } : new[] { 1, 2 }, resumed.WaitingElements("Approve"));
        await Complete(resumed, sequential ? 1 : 2, 3);
        resumed = flow.NewProcess().ResumeFromJson(resumed.ToJson());
        await Complete(resumed, sequential ? 2 : 1, 2);

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(sequential ? new[] { "ann:1", "bob:3", "cy:2" } : new[] { "ann:1", "bob:2", "cy:3" }, TestFlow.Get<List<string>>(resumed, "votes"));
    }
}
