using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Loops;

/// <summary>
/// Multi-instance and loops on embedded sub-processes: each element is a scope of its own (its own
/// tokens, element variable and loopCounter), a completion condition cancels the elements still
/// running, outputs are gathered typed in element order.
/// </summary>
public class MultiInstanceSubProcessTests
{
    private const string Dollar = "$";

    /// <summary>A sub-process over approvers: a script notes the element, a user task waits for its vote.</summary>
    private static string Review(bool sequential, string completion = "", string after = "After") => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Review">
              <bpmn:multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" camunda:collection="approvers" camunda:elementVariable="approver" flow:outputCollection="votes" flow:outputElement="{Dollar}{"{approver + &quot;:&quot; + vote}"}">{completion}</bpmn:multiInstanceLoopCharacteristics>
              <bpmn:startEvent id="InnerStart" />
              <bpmn:scriptTask id="Note" scriptFormat="csharp"><bpmn:script>seen.Add(approver + "@" + loopCounter + "/" + nrOfInstances);</bpmn:script></bpmn:scriptTask>
              <bpmn:userTask id="Vote">
                <bpmn:extensionElements><flow:output name="vote" type="int" /></bpmn:extensionElements>
              </bpmn:userTask>
              <bpmn:endEvent id="InnerEnd" />
              {Seq("I1", "InnerStart", "Note")}
              {Seq("I2", "Note", "Vote")}
              {Seq("I3", "Vote", "InnerEnd")}
            </bpmn:subProcess>
        {Service(after)}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Review")}
        {Seq("F2", "Review", after)}
        {Seq("F3", after, "End")}
        """, Variable("approvers", "string[]") + Variable("vote", "int") + Variable("votes", "System.Collections.Generic.List&lt;string&gt;")
            + Variable("seen", "System.Collections.Generic.List&lt;string&gt;"));

    private static Task Vote(IFlowInstance instance, int element, int vote) =>
        instance.CompleteElementWithJsonAsync("Vote", element, "{\"vote\": " + vote + "}").AsTask();

    private static async Task<IFlowInstance> StartAsync(TestFlow flow, params string[] approvers)
    {
        var instance = await flow.StartAsync(("approvers", approvers), ("seen", new List<string>()));
        return instance;
    }

    [Fact]
    public async Task Parallel_elements_each_run_their_own_scope_and_their_user_tasks_complete_out_of_order()
    {
        var flow = TestFlow.Build(Review(sequential: false), new[] { "After" });
        var instance = await StartAsync(flow, "ann", "bob", "cy");

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "ann@0/3", "bob@1/3", "cy@2/3" }, TestFlow.Get<List<string>>(instance, "seen"));
        Assert.Equal(new[] { 0, 1, 2 }, instance.WaitingElements("Vote"));
        await Vote(instance, 2, 7);
        await Vote(instance, 0, 5);
        Assert.Equal(new[] { 1 }, instance.WaitingElements("Vote"));
        await Vote(instance, 1, 6);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "ann:5", "bob:6", "cy:7" }, TestFlow.Get<List<string>>(instance, "votes"));
        Assert.Equal(new[] { "After" }, TestFlow.Log(instance));
        Assert.Empty(instance.WaitingAt);
    }

    [Fact]
    public async Task Completing_a_wait_state_in_a_parallel_element_needs_its_index_and_a_wrong_one_changes_nothing()
    {
        var flow = TestFlow.Build(Review(sequential: false), new[] { "After" });
        var instance = await StartAsync(flow, "ann", "bob", "cy");
        var before = instance.ToJson();
        var noIndex = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CompleteWithJsonAsync("Vote", "{\"vote\": 1}").AsTask());
        Assert.Equal("FLOW6220", noIndex.Id);
        Assert.Contains("elements 0, 1, 2 wait", noIndex.Message);
        Assert.Equal(before, instance.ToJson());

        await Vote(instance, 0, 1);
        before = instance.ToJson();
        var twice = await Assert.ThrowsAsync<FlowInstanceException>(() => Vote(instance, 0, 1));
        var outOfRange = await Assert.ThrowsAsync<FlowInstanceException>(() => Vote(instance, 3, 1));

        Assert.Equal("FLOW6221", twice.Id);
        Assert.Equal("FLOW6221", outOfRange.Id);
        Assert.Contains("elements 1, 2 wait", twice.Message);
        Assert.Equal(before, instance.ToJson());
    }

    [Fact]
    public async Task A_completion_condition_cancels_the_elements_still_running()
    {
        var flow = TestFlow.Build(
            Review(sequential: false, "<bpmn:completionCondition>${nrOfCompletedInstances >= 2}</bpmn:completionCondition>"),
            new[] { "After" });
        var instance = await StartAsync(flow, "ann", "bob", "cy", "dan");

        await Vote(instance, 3, 1);
        await Vote(instance, 1, 2);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.WaitingElements("Vote"));
        Assert.Equal(new[] { null, "bob:2", null, "dan:1" }, TestFlow.Get<List<string>>(instance, "votes"));
        Assert.DoesNotContain("\"LoopCounter\"", instance.ToJson(), StringComparison.Ordinal);
        Assert.Equal(new[] { "After" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task Sequential_elements_run_one_scope_after_the_other()
    {
        var flow = TestFlow.Build(Review(sequential: true), new[] { "After" });
        var instance = await StartAsync(flow, "ann", "bob");

        Assert.Equal(new[] { "ann@0/2" }, TestFlow.Get<List<string>>(instance, "seen"));
        Assert.Equal(new[] { 0 }, instance.WaitingElements("Vote"));
        await instance.CompleteWithJsonAsync("Vote", "{\"vote\": 4}");
        Assert.Equal(new[] { "ann@0/2", "bob@1/2" }, TestFlow.Get<List<string>>(instance, "seen"));
        await Vote(instance, 1, 3);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "ann:4", "bob:3" }, TestFlow.Get<List<string>>(instance, "votes"));
        Assert.Equal(new[] { "Start", "Review", "InnerStart", "Note", "Vote", "InnerEnd", "Review", "InnerStart", "Note", "Vote", "InnerEnd", "After", "End" }, instance.Trace);
    }

    [Fact]
    public async Task An_empty_collection_passes_the_sub_process()
    {
        var flow = TestFlow.Build(Review(sequential: false), new[] { "After" });

        var instance = await StartAsync(flow);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Review", "After", "End" }, instance.Trace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_element_scopes_survive_a_json_round_trip_between_completions(bool sequential)
    {
        var flow = TestFlow.Build(Review(sequential), new[] { "After" });
        var instance = await StartAsync(flow, "ann", "bob", "cy");
        await Vote(instance, 0, 1);

        var json = instance.ToJson();
        Assert.Contains("\"LoopCounter\":", json, StringComparison.Ordinal);
        var resumed = flow.NewProcess().ResumeFromJson(json);
        Assert.Equal(json, resumed.ToJson());
        Assert.Equal(sequential ? new[] { 1 } : new[] { 1, 2 }, resumed.WaitingElements("Vote"));
        await Vote(resumed, sequential ? 1 : 2, 3);
        resumed = flow.NewProcess().ResumeFromJson(resumed.ToJson());
        await Vote(resumed, sequential ? 2 : 1, 2);

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(sequential ? new[] { "ann:1", "bob:3", "cy:2" } : new[] { "ann:1", "bob:2", "cy:3" }, TestFlow.Get<List<string>>(resumed, "votes"));
    }

    [Fact]
    public async Task A_standard_loop_runs_the_sub_process_again_while_its_condition_holds()
    {
        var flow = TestFlow.Build(Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Retry">
                  <bpmn:standardLoopCharacteristics><bpmn:loopCondition>${"{"}rounds &lt; 3{"}"}</bpmn:loopCondition></bpmn:standardLoopCharacteristics>
                  <bpmn:startEvent id="InnerStart" />
                  <bpmn:scriptTask id="Count" scriptFormat="csharp"><bpmn:script>rounds++;</bpmn:script></bpmn:scriptTask>
                  <bpmn:endEvent id="InnerEnd" />
                  {Seq("I1", "InnerStart", "Count")}
                  {Seq("I2", "Count", "InnerEnd")}
                </bpmn:subProcess>
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Retry")}
            {Seq("F2", "Retry", "End")}
            """, Variable("rounds", "int")), Array.Empty<string>());

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(3, TestFlow.Get<int>(instance, "rounds"));
    }

    [Fact]
    public async Task An_interrupting_boundary_event_ends_every_element()
    {
        var flow = TestFlow.Build(Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Work">
                  <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
                  <bpmn:startEvent id="InnerStart" />
                  <bpmn:userTask id="Wait" />
                  <bpmn:endEvent id="InnerEnd" />
                  {Seq("I1", "InnerStart", "Wait")}
                  {Seq("I2", "Wait", "InnerEnd")}
                </bpmn:subProcess>
                <bpmn:boundaryEvent id="Stop" attachedToRef="Work"><bpmn:signalEventDefinition signalRef="Sig" /></bpmn:boundaryEvent>
                <bpmn:endEvent id="End" />
                <bpmn:endEvent id="Stopped" />
            {Seq("F1", "Start", "Work")}
            {Seq("F2", "Work", "End")}
            {Seq("F3", "Stop", "Stopped")}
            """).Replace("<bpmn:process ", "<bpmn:signal id=\"Sig\" name=\"stop\" /><bpmn:process ", StringComparison.Ordinal), Array.Empty<string>());
        var instance = await flow.StartAsync();
        Assert.Equal(new[] { 0, 1, 2 }, instance.WaitingElements("Wait"));

        await instance.SignalAsync("stop");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("Stopped", instance.Trace[^1]);
        Assert.DoesNotContain("\"Scopes\":[{", instance.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migration_keeps_element_scopes_on_a_sub_process_that_loops_the_same_way_and_refuses_one_that_does_not()
    {
        var v1 = TestFlow.Build(Review(sequential: false), new[] { "After" });
        var instance = await StartAsync(v1, "ann", "bob");
        await Vote(instance, 1, 9);
        var json = instance.ToJson();

        var same = TestFlow.Build(Review(sequential: false, after: "Archive"), new[] { "Archive" });
        var moved = same.NewProcess().ResumeFromJson(InstanceMigration.Map(json, same.Process.Definition, null));
        Assert.Equal(new[] { 0 }, moved.WaitingElements("Vote"));
        await Vote(moved, 0, 8);
        Assert.Equal(InstanceStatus.Completed, moved.Status);
        Assert.Equal(new[] { "ann:8", "bob:9" }, TestFlow.Get<List<string>>(moved, "votes"));

        var sequential = TestFlow.Build(Review(sequential: true), new[] { "After" });
        var refused = Assert.Throws<InvalidOperationException>(() => InstanceMigration.Map(json, sequential.Process.Definition, null));
        Assert.Contains("'Review'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("sequential multi-instance", refused.Message, StringComparison.Ordinal);
    }
}
