using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

public class TimerDiagnosticsTests
{
    private const string FlowNs = "xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    /// <summary>start → timer catch 'Wait' (with <paramref name="definition"/>'s content) → end.</summary>
    private static string WithCatch(string definition) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition id="WaitTimer">{definition}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
            <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="End" />
        """);

    /// <summary>timer start 'Start' (with <paramref name="definition"/>) → end.</summary>
    private static string WithStart(string definition) => Process($"""
            <bpmn:startEvent id="Start"><bpmn:timerEventDefinition id="StartTimer">{definition}</bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="End" />
        """);

    private static DiagnosticResult At(string id, string text, string needle) => AtText(id, text, needle);

    [Theory]
    [InlineData("<bpmn:timeDuration>PT10M</bpmn:timeDuration>")]
    [InlineData("<bpmn:timeDuration>P3DT2H</bpmn:timeDuration>")]
    [InlineData("<bpmn:timeDuration>P1Y2M3W4DT5H6M7.5S</bpmn:timeDuration>")]
    [InlineData("<bpmn:timeDate>2026-12-01T10:00:00Z</bpmn:timeDate>")]
    [InlineData("<bpmn:timeDate>2026-12-01T10:00:00+01:00</bpmn:timeDate>")]
    [InlineData("<bpmn:timeCycle>R3/PT10M</bpmn:timeCycle>")]
    [InlineData("<bpmn:timeCycle>R/PT1H</bpmn:timeCycle>")]
    [InlineData("<bpmn:timeCycle>R3/2026-12-01T10:00:00Z/PT1H</bpmn:timeCycle>")]
    [InlineData("<bpmn:timeCycle>R/P1D/2027-01-01T00:00:00Z</bpmn:timeCycle>")]
    public Task Valid_timer_literals_compile_cleanly(string definition) => GeneratorTest.VerifyAsync(WithCatch(definition));

    [Fact]
    public Task A_timer_start_event_with_a_cycle_compiles_cleanly() =>
        GeneratorTest.VerifyAsync(WithStart("<bpmn:timeCycle>R/P1D</bpmn:timeCycle>"));

    [Fact]
    [Fires("FLOW1150")]
    public Task A_timer_without_a_time()
    {
        var text = WithCatch("");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1150", text, "<bpmn:timerEventDefinition id").WithArguments("Wait"));
    }

    [Fact]
    public Task A_timer_with_an_empty_time()
    {
        var text = WithCatch("<bpmn:timeDuration>  </bpmn:timeDuration>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1150", text, "<bpmn:timerEventDefinition id").WithArguments("Wait"));
    }

    [Fact]
    [Fires("FLOW1151")]
    public Task A_timer_with_two_times()
    {
        var text = WithCatch("<bpmn:timeDuration>PT1M</bpmn:timeDuration><bpmn:timeDate>2026-12-01T10:00:00Z</bpmn:timeDate>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1151", text, "<bpmn:timeDate").WithArguments("Wait", "timeDuration", "timeDate"));
    }

    [Fact]
    [Fires("FLOW1152")]
    public Task A_timer_start_event_with_an_expression()
    {
        var text = WithStart("<bpmn:timeDuration>${TimeSpan.FromDays(1)}</bpmn:timeDuration>");
        return GeneratorTest.VerifyAsync(text, At("FLOW1152", text, "${TimeSpan.FromDays(1)}").WithArguments("Start"));
    }

    [Theory]
    [Fires("FLOW3120")]
    [InlineData("timeDuration", "10 minutes")]
    [InlineData("timeDuration", "PT")]
    [InlineData("timeDuration", "P1.5D")]
    [InlineData("timeDuration", "PT1M2H")]
    [InlineData("timeDate", "2026-12-01T10:00:00")]
    [InlineData("timeDate", "tomorrow")]
    [InlineData("timeCycle", "0 0 9 * * ?")]
    [InlineData("timeCycle", "R3/PT10X")]
    [InlineData("timeCycle", "PT10M")]
    public Task An_invalid_literal_is_reported_at_its_text(string element, string literal)
    {
        var text = WithCatch($"<bpmn:{element}>{literal}</bpmn:{element}>");
        return GeneratorTest.VerifyAsync(text, At("FLOW3120", text, literal));
    }

    [Theory]
    [Fires("FLOW3121")]
    [InlineData("R0/PT10M")]
    [InlineData("R/PT0S")]
    public Task A_cycle_that_can_never_fire(string literal)
    {
        var text = WithStart($"<bpmn:timeCycle>{literal}</bpmn:timeCycle>");
        return GeneratorTest.VerifyAsync(text, At("FLOW3121", text, literal));
    }

    [Fact]
    [Fires("FLOW3122")]
    public Task A_feel_timer_expression()
    {
        var text = WithCatch("<bpmn:timeDuration>= duration(\"PT1M\")</bpmn:timeDuration>");
        return GeneratorTest.VerifyAsync(text, At("FLOW3122", text, "= duration(\"PT1M\")").WithArguments("timeDuration", "Wait"));
    }

    [Fact]
    public Task A_directive_in_a_timer_expression_is_reported_there()
    {
        var text = WithCatch("<bpmn:timeDuration>${\n#if X\n}</bpmn:timeDuration>");
        var (line, column) = Find(text, "#if X");
        var test = new GeneratorTest { CompilerDiagnostics = CompilerDiagnostics.Errors };
        test.TestState.AdditionalFiles.Add((FilePath, text));
        test.TestState.ExpectedDiagnostics.Add(new DiagnosticResult("FLOW3010", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .WithSpan(FilePath, line, column, line, column + "#if".Length).WithArguments("timeDuration", "Wait", "#if"));
        return test.RunAsync();
    }

    [Fact]
    public void An_expression_of_the_wrong_type_is_a_csharp_error_at_the_expression()
    {
        var text = Process("""
                <bpmn:extensionElements><flow:variable name="days" type="int" /></bpmn:extensionElements>
                <bpmn:startEvent id="Start" />
                <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>${days}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
                <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="End" />
            """).Replace("isExecutable=\"true\">", $"isExecutable=\"true\" {FlowNs}>", StringComparison.Ordinal);

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Empty(run.ErrorsInGeneratedCode());
        var error = Assert.Single(run.Output.GetDiagnostics(), d => d.Id == "CS0029");
        var span = error.Location.GetMappedLineSpan();
        var (line, column) = Find(text, "days}");
        Assert.Equal((FilePath, line - 1, column - 1), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Contains("Flow.TimerValue", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
