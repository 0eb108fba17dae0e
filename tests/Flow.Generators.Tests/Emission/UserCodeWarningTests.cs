using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Emission;

/// <summary>
/// Warnings the generated wiring would cause are disabled only around the generated methods:
/// the user's own conditions and scripts get every warning C# has, at their place in the .bpmn.
/// </summary>
public class UserCodeWarningTests
{
    private static readonly string Diagram = EmittedShapes.Document("""
            <bpmn:extensionElements>
              <flow:variable name="sku" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:scriptTask id="Task_Log" name="Log" scriptFormat="csharp">
              <bpmn:script>return; sku = "never";</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Log" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Log" targetRef="End" />
        """);

    [Fact]
    public void Unreachable_code_in_a_script_is_a_warning_at_the_script()
    {
        var driver = DriverHarness.Driver(new[] { new InMemoryAdditionalText(FilePath, Diagram) });
        driver.RunGeneratorsAndUpdateCompilation(DriverHarness.Compilation("namespace Placeholder { }"), out var output, out _);

        var warning = Assert.Single(output.GetDiagnostics(), d => d.Id == "CS0162");
        var span = warning.Location.GetMappedLineSpan();
        var (line, column) = Find(Diagram, "sku = \"never\"");
        Assert.Equal(FilePath, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));

        // The generated code itself warns about nothing else.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS0162"));
    }
}
