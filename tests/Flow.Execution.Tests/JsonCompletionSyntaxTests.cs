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
