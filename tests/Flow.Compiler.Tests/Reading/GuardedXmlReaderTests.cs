using System.Xml;
using System.Xml.Linq;
using Flow.Compiler.Reading;

namespace Flow.Compiler.Tests.Reading;

/// <summary>
/// The tree is built in one guarded pass: the diagram interchange is parsed but left out of the
/// tree (the compiler never reads it), and nesting past the limit is refused anywhere, the
/// diagram interchange included.
/// </summary>
public class GuardedXmlReaderTests
{
    private static string File(string diagram, string after = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="D">
          <process id="P"><task id="A" name="Work" /></process>
          {diagram}
          {after}
        </definitions>
        """;

    private const string Diagram = """<bpmndi:BPMNDiagram id="Di"><bpmndi:BPMNPlane id="Plane" bpmnElement="P"><bpmndi:BPMNShape id="A_di" bpmnElement="A"><dc:Bounds x="1" y="2" width="100" height="80" /></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>""";

    private static XDocument? Load(string text, out Flow.Compiler.Diagnostics.FlowDiagnostic? error) => SafeXmlLoader.Load(text, out error);

    [Fact]
    public void The_diagram_interchange_is_left_out_of_the_tree_and_what_follows_keeps_its_line()
    {
        var document = Load(File(Diagram, after: "<process id=\"Q\" />"), out var error);

        Assert.Null(error);
        var children = document!.Root!.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.Equal(new[] { "process", "process" }, children);
        var q = document.Root.Elements().Last();
        Assert.Equal(5, ((IXmlLineInfo)q).LineNumber);
        Assert.Equal(4, ((IXmlLineInfo)q).LinePosition); // XML line info points at the name, after '<'
        Assert.DoesNotContain(document.Descendants(), e => e.Name.NamespaceName.Contains("DI", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_diagram_element_is_left_out_and_one_of_another_namespace_is_kept()
    {
        var empty = Load(File("<bpmndi:BPMNDiagram id=\"Di\" />"), out var error);
        Assert.Null(error);
        Assert.Single(empty!.Root!.Elements());

        // Only a BPMNDiagram of the DI namespace directly under the root is layout.
        var other = Load(File("<x:BPMNDiagram xmlns:x=\"urn:x\"><x:n /></x:BPMNDiagram>"), out error);
        Assert.Null(error);
        Assert.Equal(2, other!.Root!.Elements().Count());
    }

    [Fact]
    public void Malformed_xml_inside_the_diagram_interchange_is_still_reported_at_its_line()
    {
        var text = File("<bpmndi:BPMNDiagram id=\"Di\">\n<dc:Bounds x=\"1\" y=\"2\"></bpmndi:BPMNDiagram>");

        Assert.Null(Load(text, out var error));
        Assert.Equal("FLOW0001", error!.Id);
        Assert.Equal(5, error.Span.StartLine);
    }

    [Fact]
    public void Nesting_past_the_limit_inside_the_diagram_interchange_is_still_refused()
    {
        var depth = SafeXmlLoader.MaxElementDepth;
        var nested = string.Concat(Enumerable.Repeat("<dc:n>", depth)) + string.Concat(Enumerable.Repeat("</dc:n>", depth));
        var text = File($"<bpmndi:BPMNDiagram id=\"Di\">{nested}</bpmndi:BPMNDiagram>");

        Assert.Null(Load(text, out var error));
        Assert.Equal("FLOW0020", error!.Id);
        Assert.Equal(4, error.Span.StartLine);
    }
}
