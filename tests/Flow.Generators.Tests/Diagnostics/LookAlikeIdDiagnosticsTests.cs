using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Ids that look the same but are different strings: FLOW1317 at the later element, naming both.</summary>
public class LookAlikeIdDiagnosticsTests
{
    /// <summary>start → Task → <paramref name="secondId"/> → end.</summary>
    private static string TwoTasks(string secondId) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:task id="Task" />
            <bpmn:task id="{secondId}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task" targetRef="{secondId}" />
            <bpmn:sequenceFlow id="F3" sourceRef="{secondId}" targetRef="End" />
        """);

    [Fact]
    [Fires("FLOW1317")]
    public Task A_task_id_with_a_cyrillic_a_is_reported_at_the_later_task()
    {
        var text = TwoTasks("T\u0430sk");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1317", text, "<bpmn:task id=\"T\u0430sk\"").WithArguments("T\u0430sk", "Task", "T\\u0430sk", "Task"));
    }

    [Fact]
    public Task A_greek_capital_omicron_in_a_flow_id_is_reported_at_that_flow()
    {
        var text = Process(StraightLine.Replace("<bpmn:sequenceFlow id=\"F2\"", "<bpmn:sequenceFlow id=\"F\u039F\"", StringComparison.Ordinal)
            .Replace("<bpmn:sequenceFlow id=\"F1\"", "<bpmn:sequenceFlow id=\"FO\"", StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1317", text, "<bpmn:sequenceFlow id=\"F\u039F\"").WithArguments("F\u039F", "FO", "F\\u039F", "FO"));
    }

    [Fact]
    public Task A_fullwidth_id_is_the_same_after_nfkc()
    {
        var text = TwoTasks("\uFF34ask");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1317", text, "<bpmn:task id=\"\uFF34ask\"").WithArguments("\uFF34ask", "Task", "\\uFF34ask", "Task"));
    }

    [Theory]
    [InlineData("task")]     // case is visible
    [InlineData("Task_1")]   // a different id, not a look-alike
    [InlineData("T\u0430sk2")]   // a Cyrillic letter, but the skeleton Tasks2 is no other id
    public Task Ids_that_look_different_are_not_reported(string secondId) =>
        GeneratorTest.VerifyAsync(TwoTasks(secondId));
}
