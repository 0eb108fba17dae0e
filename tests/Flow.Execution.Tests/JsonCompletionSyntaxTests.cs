using System.Text;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// A completion's JSON output is read in one pass (issue 11); a syntax error anywhere in the text
/// must still be what is reported, even when a member before it is refused or mistyped, and text
/// after the value is an error, as when the whole text was checked before anything was read.
/// </summary>
public class JsonCompletionSyntaxTests
{
    private static readonly string Review = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="ManualReview">
              <bpmn:extensionElements><flow:output name="approved" type="bool" /><flow:output name="reviewer" type="string" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "ManualReview")}
        {Seq("F2", "ManualReview", "End")}
        """, Variable("approved", "bool") + Variable("reviewer", "string?"));

    [Theory]
    [InlineData("""{"Reviewer": "ann", "approved": tru}""")]
    [InlineData("""{"approved": "yes", "reviewer": }""")]
    [InlineData("""{"approved": true, "approved": false, """)]
    [InlineData("""{"approved": true} x""")]
    [InlineData("""{"approved": true}{}""")]
    [InlineData("""null x""")]
    [InlineData("""[true""")]
    public async Task A_syntax_error_anywhere_is_reported_as_one_and_changes_nothing(string output)
    {
        foreach (var utf8 in new[] { false, true })
        {
            var flow = TestFlow.Build(Review, Array.Empty<string>());
            var instance = await flow.StartAsync();
            var before = instance.ToJson();

            var refused = await Assert.ThrowsAsync<FlowInstanceException>(() => utf8
                ? ((ICompletesWithUtf8)instance).CompleteWithUtf8Async("ManualReview", Encoding.UTF8.GetBytes(output), default).AsTask()
                : instance.CompleteWithJsonAsync("ManualReview", output).AsTask());

            Assert.Equal("FLOW6040", refused.Id);
            Assert.Contains("not valid JSON", refused.Message, StringComparison.Ordinal);
            Assert.Equal(before, instance.ToJson());
            Assert.Equal(InstanceStatus.Waiting, instance.Status);
        }
    }

    [Theory]
    [InlineData("null")]
    [InlineData(" null ")]
    [InlineData("""{"approved": true, "reviewer": "ann"} """)]
    public async Task A_valid_output_with_blanks_around_it_is_read(string output)
    {
        var flow = TestFlow.Build(Review, Array.Empty<string>());
        var instance = await flow.StartAsync();

        await ((ICompletesWithUtf8)instance).CompleteWithUtf8Async("ManualReview", Encoding.UTF8.GetBytes(output), default);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(output.Contains("ann", StringComparison.Ordinal), TestFlow.Get<bool>(instance, "approved"));
    }
}

/// <summary>
/// A completion's JSON output is checked whole and then set in the data in place (issue 11): no
/// setter object per output, and still nothing set when any output is refused.
/// </summary>
public class JsonCompletionInPlaceTests
{
    private static readonly string Review = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="ManualReview">
              <bpmn:extensionElements><flow:output name="approved" type="bool" /><flow:output name="score" type="int" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="Second" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "ManualReview")}
        {Seq("F2", "ManualReview", "Second")}
        {Seq("F3", "Second", "End")}
        """, Variable("approved", "bool") + Variable("score", "int"));

    [Fact]
    public async Task A_later_output_refused_leaves_the_earlier_ones_unset()
    {
        var flow = TestFlow.Build(Review, Array.Empty<string>());
        var instance = await flow.StartAsync();
        var before = instance.ToJson();

        await Assert.ThrowsAsync<FlowInstanceException>(() =>
            ((ICompletesWithUtf8)instance).CompleteWithUtf8Async("ManualReview", """{"approved": true, "score": "high"}"""u8.ToArray(), default).AsTask());

        Assert.False(TestFlow.Get<bool>(instance, "approved"));
        Assert.Equal(before, instance.ToJson());
    }

    [Fact]
    public async Task The_generated_data_json_sets_outputs_in_place()
    {
        var flow = TestFlow.Build(Review, Array.Empty<string>());
        var instance = await flow.StartAsync();
        var json = DataJsonOf(flow.Process);
        var method = json.GetType().GetMethod(nameof(DataJson<object>.ReadOutputInto))!;

        // The generated override, not the base's (which goes through ReadOutput's setter objects).
        Assert.NotEqual(method.DeclaringType, method.GetBaseDefinition().DeclaringType);

        await ((ICompletesWithUtf8)instance).CompleteWithUtf8Async("ManualReview", """{"approved": true, "score": 7}"""u8.ToArray(), default);

        Assert.True(TestFlow.Get<bool>(instance, "approved"));
        Assert.Equal(7, TestFlow.Get<int>(instance, "score"));
        Assert.Equal(["Second"], instance.WaitingAt);
    }

    private static object DataJsonOf(IFlowProcess process) =>
        process.GetType().GetProperty("DataJson", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly)!.GetValue(process)!;
}
