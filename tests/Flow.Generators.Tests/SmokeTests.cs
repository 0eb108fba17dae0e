using Flow.Generators.Tests.Infrastructure;

namespace Flow.Generators.Tests;

public class SmokeTests
{
    [Fact]
    public Task A_straight_line_process_has_no_diagnostics() =>
        GeneratorTest.VerifyAsync(Fixtures.Process(Fixtures.StraightLine));

    [Fact]
    public Task A_token_sink_is_reported_at_its_element()
    {
        var text = Fixtures.Process(Fixtures.StraightLine + """
                <bpmn:task id="Sink" />
                <bpmn:sequenceFlow id="F3" sourceRef="Work" targetRef="Sink" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            Fixtures.AtElement("FLOW2005", text, "<bpmn:task id=\"Work\""),
            Fixtures.AtElement("FLOW1007", text, "<bpmn:task id=\"Sink\""));
    }
}
