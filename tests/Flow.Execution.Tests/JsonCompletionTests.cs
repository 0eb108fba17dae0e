using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// Completing a wait state with JSON accepts only its declared outputs, by their exact names and
/// types; anything else is FLOW6040 naming the key and the node, and changes nothing (issue 9, defect 8).
/// </summary>
public class JsonCompletionTests
{
    private static readonly string Review = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="ManualReview">
              <bpmn:extensionElements><flow:output name="approved" type="bool" /><flow:output name="reviewer" type="string" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "ManualReview")}
        {Seq("F2", "ManualReview", "End")}
        """, Variable("approved", "bool") + Variable("reviewer", "string?") + Variable("amount", "int"));

    [Fact]
    public async Task Declared_outputs_are_set_and_the_instance_runs_on()
    {
        var flow = TestFlow.Build(Review, Array.Empty<string>());
        var instance = await flow.StartAsync();

        await instance.CompleteWithJsonAsync("ManualReview", """{"approved": true, "reviewer": "ann"}""");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.True(TestFlow.Get<bool>(instance, "approved"));
        Assert.Equal("ann", TestFlow.Get<string>(instance, "reviewer"));
    }

    [Theory]
    [InlineData("""{"approved": true, "Reviewer": "ann"}""", "'Reviewer'", "did you mean 'reviewer'")]
    [InlineData("""{"approved": true, "amount": 5}""", "'amount'", "'approved', 'reviewer'")]
    [InlineData("""{"approved": "yes"}""", "'approved'", "System.Boolean")]
    [InlineData("""{"approved": true, "approved": false}""", "'approved'", "twice")]
    [InlineData("""[true]""", "JSON object", "'approved', 'reviewer'")]
    [InlineData("""{"approved": tru""", "not valid JSON", "ManualReview")]
    public async Task Anything_but_the_declared_outputs_is_refused_and_changes_nothing(string output, string names, string explains)
    {
        var flow = TestFlow.Build(Review, Array.Empty<string>());
        var instance = await flow.StartAsync(("amount", 7));
        var before = instance.ToJson();

        var refused = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CompleteWithJsonAsync("ManualReview", output).AsTask());

        Assert.Equal("FLOW6040", refused.Id);
        Assert.Equal("ManualReview", refused.NodeId);
        Assert.Contains("'ManualReview'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(names, refused.Message, StringComparison.Ordinal);
        Assert.Contains(explains, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, instance.ToJson());
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.False(TestFlow.Get<bool>(instance, "approved"));
        Assert.Equal(7, TestFlow.Get<int>(instance, "amount"));
    }

    [Fact]
    public async Task A_node_where_nothing_waits_is_refused_before_the_output_is_read()
    {
        var flow = TestFlow.Build(Review, Array.Empty<string>());
        var instance = await flow.StartAsync();

        var refused = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CompleteWithJsonAsync("End", """{"x": 1}""").AsTask());

        Assert.Equal("FLOW6042", refused.Id);
        Assert.Contains("'ManualReview'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_lists_each_wait_states_outputs()
    {
        var flow = TestFlow.Build(Review, Array.Empty<string>());

        Assert.Equal(new[] { "approved", "reviewer" }, flow.Process.Definition.FindNode("ManualReview")!.Outputs);
        Assert.Empty(flow.Process.Definition.FindNode("End")!.Outputs);
    }
}
