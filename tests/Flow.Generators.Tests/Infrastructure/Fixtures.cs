using Microsoft.CodeAnalysis.Testing;

namespace Flow.Generators.Tests.Infrastructure;

/// <summary>Minimal BPMN documents and helpers that find where a diagnostic is expected.</summary>
internal static class Fixtures
{
    public const string FilePath = "/order.bpmn";

    /// <summary>A document with one executable process around <paramref name="body"/>.</summary>
    public static string Process(string body, string id = "order", string name = "Order") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1" targetNamespace="http://example.com/bpmn">
          <bpmn:process id="{id}" name="{name}" isExecutable="true">
        {body}
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>start → task → end: the smallest clean process.</summary>
    public const string StraightLine = """
            <bpmn:startEvent id="Start" />
            <bpmn:task id="Work" name="Work" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
            <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />
        """;

    /// <summary>
    /// The expected diagnostic <paramref name="id"/> on the start tag that begins with
    /// <paramref name="startTag"/> (e.g. <c>&lt;bpmn:task id="Sink"</c>): from '&lt;' to the end of the tag name.
    /// </summary>
    public static DiagnosticResult AtElement(string id, string text, string startTag, string path = FilePath)
    {
        var (line, column) = Find(text, startTag);
        var nameLength = startTag.IndexOf(' ') is var space and > 0 ? space : startTag.Length;
        return new DiagnosticResult(id, Severity(id)).WithSpan(path, line, column, line, column + nameLength);
    }

    /// <summary>The expected diagnostic on an attribute written exactly as <paramref name="attribute"/>.</summary>
    public static DiagnosticResult AtText(string id, string text, string attribute, string path = FilePath)
    {
        var (line, column) = Find(text, attribute);
        return new DiagnosticResult(id, Severity(id)).WithSpan(path, line, column, line, column + attribute.Length);
    }

    /// <summary>1-based line and column of the only occurrence of <paramref name="needle"/>.</summary>
    public static (int Line, int Column) Find(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        if (index < 0 || text.IndexOf(needle, index + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{needle}' must occur exactly once in the fixture.");
        }

        var line = 1 + text.AsSpan(0, index).Count('\n');
        var column = index - (text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1) + 1;
        if (text.LastIndexOf('\n', Math.Max(index - 1, 0)) < 0)
        {
            column = index + 1;
        }

        return (line, column);
    }

    private static Microsoft.CodeAnalysis.DiagnosticSeverity Severity(string id) =>
        FlowDiagnosticDescriptors.Get(id).DefaultSeverity;
}
