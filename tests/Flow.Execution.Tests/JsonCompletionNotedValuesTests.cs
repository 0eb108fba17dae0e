using System.Text;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// A completion's JSON output is checked whole, noting where each value starts, and then only
/// those values are read again to set them (issue 11): every kind of value must be set as the
/// whole text says, whatever follows it, and an output of more values than are noted is read
/// again whole.
/// </summary>
public class JsonCompletionNotedValuesTests
{
    private static readonly string[] Names = ["approved", "score", "amount", "reviewer", "tags", "due", "ratio", "note", "level"];

    private static readonly string Review = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="ManualReview">
              <bpmn:extensionElements>
                <flow:output name="approved" type="bool" /><flow:output name="score" type="int" /><flow:output name="amount" type="decimal" />
                <flow:output name="reviewer" type="string" /><flow:output name="tags" type="System.Collections.Generic.List&lt;string&gt;" /><flow:output name="due" type="System.DateTimeOffset" />
                <flow:output name="ratio" type="double" /><flow:output name="note" type="string" /><flow:output name="level" type="long" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="Second" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "ManualReview")}
        {Seq("F2", "ManualReview", "Second")}
        {Seq("F3", "Second", "End")}
        """,
        Variable("approved", "bool") + Variable("score", "int") + Variable("amount", "decimal") + Variable("reviewer", "string?")
        + Variable("tags", "System.Collections.Generic.List&lt;string&gt;?") + Variable("due", "System.DateTimeOffset") + Variable("ratio", "double") + Variable("note", "string?")
        + Variable("level", "long"));

    private static readonly Lazy<TestFlow> Flow = new(() => TestFlow.Build(Review, Array.Empty<string>()));

    public static TheoryData<string> Outputs => new()
    {
        // Values that end right at the next comma or brace, escapes, an array, blanks and a BOM.
        """{"score":7,"amount":1500.25,"approved":true}""",
        """{"reviewer":"a\"n\u006E","tags":["x","y\n"],"score":-3}""",
        " \r\n{ \"amount\" : 2 , \"note\" :null,\"level\":9007199254740993 }\t",
        "\uFEFF{\"due\":\"2026-11-27T10:00:00+01:00\",\"ratio\":0.5}",
        // More values than are noted on the stack: read again whole.
        """{"approved":true,"score":7,"amount":1.5,"reviewer":"ann","tags":[],"due":"2026-11-27T10:00:00Z","ratio":2,"note":"n","level":4}""",
        """{"level":4,"approved":true,"score":7,"amount":1.5,"reviewer":"ann","tags":["t"],"due":"2026-11-27T10:00:00Z","ratio":2,"note":"n"}""",
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task Each_value_is_set_as_the_whole_text_says(string output)
    {
        foreach (var utf8 in new[] { false, true })
        {
            var instance = await Flow.Value.StartAsync();
            if (utf8)
            {
                await ((ICompletesWithUtf8)instance).CompleteWithUtf8Async("ManualReview", Encoding.UTF8.GetBytes(output), default);
            }
            else
            {
                await instance.CompleteWithJsonAsync("ManualReview", output);
            }

            var expected = Flow.Value.Process.DataFromJson(DataOf(output));
            foreach (var name in Names)
            {
                Assert.Equal(Value(expected, name), Value(instance.Data, name));
            }

            Assert.Equal(["Second"], instance.WaitingAt);
        }
    }

    [Fact]
    public async Task A_refused_value_after_more_than_are_noted_still_sets_nothing()
    {
        var instance = await Flow.Value.StartAsync();
        var before = instance.ToJson();

        var refused = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CompleteWithJsonAsync(
            "ManualReview",
            """{"approved":true,"score":7,"amount":1.5,"reviewer":"ann","tags":[],"due":"2026-11-27T10:00:00Z","ratio":2,"note":"n","level":"four"}""").AsTask());

        Assert.Equal("FLOW6040", refused.Id);
        Assert.Contains("'level'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, instance.ToJson());
    }

    /// <summary>The output as data JSON (the same members, without the BOM the reader skips).</summary>
    private static string DataOf(string output) => output.TrimStart('\uFEFF');

    private static string Value(object data, string name)
    {
        var value = data.GetType().GetProperty(name)?.GetValue(data) ?? data.GetType().GetField(name)?.GetValue(data);
        return value is List<string> list ? "[" + string.Join("|", list) + "]" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null";
    }
}
