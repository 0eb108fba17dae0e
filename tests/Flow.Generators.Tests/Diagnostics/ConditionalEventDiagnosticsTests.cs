using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Conditional events: which run, which stay FLOW4001, and C# errors in their conditions at their place in the .bpmn.</summary>
public class ConditionalEventDiagnosticsTests
{
    private const string FlowNs = "xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    private static string WithCatch(string definition) => Process($"""
                <bpmn:extensionElements><flow:variable name="amount" type="int" /></bpmn:extensionElements>
                <bpmn:startEvent id="Start" />
                <bpmn:intermediateCatchEvent id="Wait">{definition}</bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
                <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="End" />
            """).Replace("isExecutable=\"true\">", $"isExecutable=\"true\" {FlowNs}>", StringComparison.Ordinal);

    [Fact]
    public Task A_conditional_catch_with_a_csharp_condition_is_supported() =>
        GeneratorTest.VerifyAsync(WithCatch("<bpmn:conditionalEventDefinition><bpmn:condition>${amount &gt; 10}</bpmn:condition></bpmn:conditionalEventDefinition>"));

    [Fact]
    [Fires("FLOW4001")]
    public Task A_conditional_catch_without_a_condition_is_named_as_unsupported()
    {
        var text = WithCatch("<bpmn:conditionalEventDefinition />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW4001", text, "<bpmn:intermediateCatchEvent id").WithArguments("Conditional intermediate catch event", "Wait"));
    }

    [Fact]
    public Task A_conditional_boundary_event_on_an_activity_that_does_not_wait_is_named_as_unsupported()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            """
            <bpmn:task id="Work" name="Work" />
                    <bpmn:boundaryEvent id="Cond" attachedToRef="Work"><bpmn:conditionalEventDefinition><bpmn:condition>true</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:boundaryEvent>
                    <bpmn:endEvent id="CondEnd" />
                    <bpmn:sequenceFlow id="F3" sourceRef="Cond" targetRef="CondEnd" />
            """,
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW4001", text, "<bpmn:boundaryEvent id").WithArguments("Conditional boundary event", "Cond"));
    }

    /// <summary>A process with a blank start and a conditional start (FlowEngine.EvaluateStartConditionsAsync starts there).</summary>
    private static string WithConditionalStart(string condition) => Process($"""
                <bpmn:extensionElements><flow:variable name="amount" type="int" /></bpmn:extensionElements>
                <bpmn:startEvent id="Start" />
                <bpmn:startEvent id="WhenBig"><bpmn:conditionalEventDefinition><bpmn:condition>{condition}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
                <bpmn:endEvent id="End" />
                <bpmn:endEvent id="BigEnd" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="End" />
                <bpmn:sequenceFlow id="F2" sourceRef="WhenBig" targetRef="BigEnd" />
            """).Replace("isExecutable=\"true\">", $"isExecutable=\"true\" {FlowNs}>", StringComparison.Ordinal);

    [Fact]
    public Task A_conditional_start_event_of_the_process_beside_a_blank_start_is_supported() =>
        GeneratorTest.VerifyAsync(WithConditionalStart("${amount &gt; 10}"));

    [Fact]
    public void A_csharp_error_in_a_start_condition_is_reported_at_its_place_in_the_diagram()
    {
        var text = WithConditionalStart("amount &gt; \"10\"");

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Empty(run.ErrorsInGeneratedCode());
        var error = Assert.Single(run.Output.GetDiagnostics(), d => d.Id == "CS0019");
        var span = error.Location.GetMappedLineSpan();
        var (line, column) = Find(text, "amount &gt;");
        Assert.Equal((FilePath, line - 1, column - 1), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void A_csharp_error_in_a_condition_is_reported_at_its_place_in_the_diagram()
    {
        var text = WithCatch("<bpmn:conditionalEventDefinition><bpmn:condition>${amout &gt; 10}</bpmn:condition></bpmn:conditionalEventDefinition>");

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Empty(run.ErrorsInGeneratedCode());
        var error = Assert.Single(run.Output.GetDiagnostics(), d => d.Id == "CS0103");
        var span = error.Location.GetMappedLineSpan();
        var (line, column) = Find(text, "amout");
        Assert.Equal((FilePath, line - 1, column - 1), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
    }
}
