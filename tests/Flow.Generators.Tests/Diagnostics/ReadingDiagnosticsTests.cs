using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

public class ReadingDiagnosticsTests
{
    [Fact]
    [Fires("FLOW0001")]
    public Task Malformed_xml_is_reported_at_the_parsers_position()
    {
        var text = Process(StraightLine).Replace("</bpmn:process>", "</bpmn:wrong>", StringComparison.Ordinal);
        var (line, column) = Find(text, "bpmn:wrong>");
        return GeneratorTest.VerifyAsync(text, new DiagnosticResult("FLOW0001", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .WithSpan(FilePath, line, column, line, column + 1)
            .WithMessageFormat("The file is not well-formed XML: {0}")
            .WithArguments($"The 'bpmn:process' start tag on line 3 position 4 does not match the end tag of 'bpmn:wrong'. Line {line}, position {column}."));
    }

    [Fact]
    [Fires("FLOW0002")]
    public Task A_dtd_is_refused_and_its_entities_never_expanded()
    {
        var text = Process(StraightLine).Replace(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE lol [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>",
            StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(text, AtText("FLOW0002", text, "<!DOCTYPE"));
    }

    [Fact]
    [Fires("FLOW0003")]
    public Task A_document_that_is_not_bpmn_is_reported_at_its_root()
    {
        const string text = "<?xml version=\"1.0\"?>\n<note xmlns=\"urn:example\">Not a diagram</note>";
        return GeneratorTest.VerifyAsync(text, AtText("FLOW0003", text, "<note"));
    }

    [Fact]
    [Fires("FLOW0004")]
    [Fires("FLOW0005")]
    public Task A_file_of_non_executable_processes_gets_an_info_per_process_and_a_warning()
    {
        var text = Process(StraightLine).Replace("isExecutable=\"true\"", "isExecutable=\"false\"", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW0004", text, "<bpmn:definitions xmlns"),
            AtElement("FLOW0005", text, "<bpmn:process id"));
    }

    [Fact]
    [Fires("FLOW0006")]
    public Task A_file_over_the_size_limit_is_refused_at_its_start()
    {
        var text = Process(StraightLine) + new string(' ', Flow.Compiler.Reading.SafeXmlLoader.MaxCharacters);
        return GeneratorTest.VerifyAsync(text, new DiagnosticResult("FLOW0006", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithSpan(FilePath, 1, 1, 1, 2));
    }

    [Fact]
    [Fires("FLOW0007")]
    public Task An_unknown_element_in_the_bpmn_namespace_is_reported_not_ignored()
    {
        var text = Process(StraightLine + "\n    <bpmn:flyingTask id=\"Odd\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW0007", text, "<bpmn:flyingTask id"));
    }

    [Fact]
    public Task Extensions_and_diagram_interchange_of_other_namespaces_are_ignored()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:task id=\"Work\" name=\"Work\"><bpmn:extensionElements><camunda:properties xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" /></bpmn:extensionElements></bpmn:task>\n    <vendor:note xmlns:vendor=\"urn:vendor\" />",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text);
    }

    [Fact]
    [Fires("FLOW0008")]
    public Task A_sequence_flow_without_target_is_reported()
    {
        var text = Process(StraightLine + "\n    <bpmn:sequenceFlow id=\"F9\" sourceRef=\"Work\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW0008", text, "<bpmn:sequenceFlow id=\"F9\""));
    }
}
