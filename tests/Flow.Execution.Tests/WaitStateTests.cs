using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

public class WaitStateTests
{
    private static readonly string Review = Process($"""
            <bpmn:startEvent id="Start" />
        {Service("Check")}
            <bpmn:userTask id="ManualReview" name="Manual review">
              <bpmn:extensionElements><flow:output name="approved" type="bool" /><flow:output name="reviewer" type="string" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:exclusiveGateway id="Decision" default="No" />
        {Service("Ship")}
            <bpmn:endEvent id="Shipped" />
            <bpmn:endEvent id="Rejected" />
        {Seq("F1", "Start", "Check")}
        {Seq("F2", "Check", "ManualReview")}
        {Seq("F3", "ManualReview", "Decision")}
        {Seq("Yes", "Decision", "Ship", "approved")}
        {Seq("No", "Decision", "Rejected")}
        {Seq("F4", "Ship", "Shipped")}
        """, Variable("approved", "bool") + Variable("reviewer", "string?"));

    [Fact]
    public async Task A_user_task_waits_and_typed_completion_sets_its_outputs()
    {
        var flow = TestFlow.Build(Review, new[] { "Check", "Ship" });
        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "ManualReview" }, instance.WaitingAt);
        Assert.Equal(new[] { "Start", "Check", "ManualReview" }, instance.Trace);

        // The generated API: instance.CompleteManualReviewAsync(new ManualReviewResult(true, "ann")).
        var resultType = flow.Assembly.Assembly.GetType("Flows.Under.Test.TestProcess+ManualReviewResult", throwOnError: true)!;
        var result = Activator.CreateInstance(resultType, true, "ann")!;
        var complete = instance.GetType().GetMethod("CompleteManualReviewAsync")!;
        await (ValueTask)complete.Invoke(instance, new[] { result, CancellationToken.None })!;

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.True(TestFlow.Get<bool>(instance, "approved"));
        Assert.Equal("ann", TestFlow.Get<string>(instance, "reviewer"));
        Assert.Equal(new[] { "Start", "Check", "ManualReview", "Decision", "Ship", "Shipped" }, instance.Trace);
    }

    [Fact]
    public async Task A_waiting_instance_resumes_after_a_json_round_trip_in_a_fresh_load()
    {
        var first = TestFlow.Build(Review, new[] { "Check", "Ship" });
        var instance = await first.StartAsync();
        var json = instance.ToJson();

        // Another host: the same flow compiled and loaded again, a new process object.
        var second = TestFlow.Build(Review, new[] { "Check", "Ship" });
        var resumed = second.Process.ResumeFromJson(json);
        Assert.Equal(instance.Id, resumed.Id);
        Assert.Equal(InstanceStatus.Waiting, resumed.Status);
        Assert.Equal(instance.Trace, resumed.Trace);
        Assert.Equal(new[] { "Check" }, TestFlow.Log(resumed));

        await resumed.CompleteAsync("ManualReview");

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(new[] { "Start", "Check", "ManualReview", "Decision", "Rejected" }, resumed.Trace);
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
    }

    [Fact]
    public async Task Resuming_on_another_version_of_the_definition_is_refused()
    {
        var flow = TestFlow.Build(Review, new[] { "Check", "Ship" });
        var json = (await flow.StartAsync()).ToJson();
        var changed = TestFlow.Build(Review.Replace("name=\"Manual review\"", "name=\"Review\"", StringComparison.Ordinal), new[] { "Check", "Ship" });

        var error = Assert.Throws<InvalidOperationException>(() => changed.Process.ResumeFromJson(json));
        Assert.Contains("version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_branches_with_wait_states_hold_several_tokens()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:parallelGateway id="Fork" />
                <bpmn:userTask id="Legal" />
                <bpmn:receiveTask id="Payment" />
                <bpmn:manualTask id="Pack" />
                <bpmn:parallelGateway id="Join" />
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Fork")}
            {Seq("F2", "Fork", "Legal")}
            {Seq("F3", "Fork", "Payment")}
            {Seq("F4", "Fork", "Pack")}
            {Seq("F5", "Legal", "Join")}
            {Seq("F6", "Payment", "Join")}
            {Seq("F7", "Pack", "Join")}
            {Seq("F8", "Join", "End")}
            """);
        var flow = TestFlow.Build(bpmn, Array.Empty<string>());
        var instance = await flow.StartAsync();

        Assert.Equal(new[] { "Legal", "Payment", "Pack" }, instance.WaitingAt);
        await instance.CompleteAsync("Payment");
        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());
        Assert.Equal(new[] { "Legal", "Pack" }, resumed.WaitingAt);
        await resumed.CompleteAsync("Pack");
        Assert.Equal(InstanceStatus.Waiting, resumed.Status);
        await resumed.CompleteAsync("Legal");

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(1, resumed.Trace.Count(n => n == "Join"));
        Assert.Equal("End", resumed.Trace[^1]);
    }

    [Fact]
    public async Task A_terminate_end_ends_the_instance_with_tokens_still_waiting_elsewhere()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:parallelGateway id="Fork" />
                <bpmn:userTask id="Approve" />
            {Service("Cancel")}
                <bpmn:endEvent id="Done" />
                <bpmn:endEvent id="Stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
            {Seq("F1", "Start", "Fork")}
            {Seq("F2", "Fork", "Approve")}
            {Seq("F3", "Fork", "Cancel")}
            {Seq("F4", "Approve", "Done")}
            {Seq("F5", "Cancel", "Stop")}
            """);
        var flow = TestFlow.Build(bpmn, new[] { "Cancel" });

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.WaitingAt);
        Assert.Equal(new[] { "Start", "Fork", "Approve", "Cancel", "Stop" }, instance.Trace);
        Assert.Equal("FLOW6042", (await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CompleteAsync("Approve").AsTask())).Id);
    }

    [Fact]
    public async Task Completing_a_node_that_does_not_wait_is_refused_and_changes_nothing()
    {
        var flow = TestFlow.Build(Review, new[] { "Check", "Ship" });
        var instance = await flow.StartAsync();
        var before = instance.ToJson();

        Assert.Equal("FLOW6042", (await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CompleteAsync("Check").AsTask())).Id);

        Assert.Equal(before, instance.ToJson());
    }

    [Fact]
    public async Task Moving_shapes_or_reformatting_keeps_the_definition_version()
    {
        var flow = TestFlow.Build(Review, new[] { "Check", "Ship" });
        var json = (await flow.StartAsync()).ToJson();
        var reformatted = Review.Replace("\n", "\n  ", StringComparison.Ordinal)
            + "\n<!-- moved in the modeller -->";
        var moved = TestFlow.Build(reformatted, new[] { "Check", "Ship" });

        // Indentation between elements and a comment outside the root are not content either.
        Assert.Equal(flow.Process.Definition.SourceHash, moved.Process.Definition.SourceHash);
        Assert.Equal(flow.Process.Definition.DefinitionHash, moved.Process.Definition.DefinitionHash);
        var resumed = moved.Process.ResumeFromJson(json);
        await resumed.CompleteAsync("ManualReview");
        Assert.Equal(InstanceStatus.Completed, resumed.Status);
    }
}
