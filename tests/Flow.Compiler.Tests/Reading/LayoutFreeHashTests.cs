using Flow.Compiler.Reading;

namespace Flow.Compiler.Tests.Reading;

/// <summary>The hash generated code carries: the file without its layout.</summary>
public class LayoutFreeHashTests
{
    private static string File(string process = "<task id=\"A\" name=\"Work\" />", int x = 100, string indent = "  ") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="D">
        {indent}<process id="P">
        {indent}{indent}{process}
        {indent}</process>
        {indent}<bpmndi:BPMNDiagram id="Di"><bpmndi:BPMNPlane id="Plane" bpmnElement="P"><bpmndi:BPMNShape id="A_di" bpmnElement="A"><dc:Bounds x="{x}" y="10" width="100" height="80" /></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </definitions>
        """;

    private static string Hash(string text) => BpmnReader.Read(text).LayoutFreeHash!;

    [Fact]
    public void Moving_a_shape_or_reindenting_keeps_the_hash()
    {
        Assert.Equal(Hash(File()), Hash(File(x: 4711)));
        Assert.Equal(Hash(File()), Hash(File(indent: "\t")));
    }

    [Fact]
    public void Any_change_of_the_model_changes_the_hash()
    {
        Assert.NotEqual(Hash(File()), Hash(File("<task id=\"A\" name=\"Rework\" />")));
        Assert.NotEqual(Hash(File()), Hash(File("<task id=\"A\" name=\"Work\"><documentation>why</documentation></task>")));
    }

    [Fact]
    public void Nesting_up_to_the_readers_limit_is_hashed_and_deeper_is_refused_before_hashing()
    {
        static string Nested(int depth) => "<extensionElements>" + string.Concat(Enumerable.Repeat("<x:n xmlns:x=\"urn:x\">", depth)) + string.Concat(Enumerable.Repeat("</x:n>", depth)) + "</extensionElements>";

        // 240 elements inside extensionElements stay under the 256-element limit (FLOW0020).
        Assert.Matches("^[0-9a-f]{64}$", Hash(File("<task id=\"A\">" + Nested(240) + "</task>")));

        var deep = BpmnReader.Read(File("<task id=\"A\">" + Nested(20_000) + "</task>"));
        Assert.Null(deep.LayoutFreeHash);
        Assert.Contains(deep.Diagnostics, d => d.Id == "FLOW0020");
    }

    /// <summary>The encoding the hash has always been taken over, kept here as the reference.</summary>
    private static string Reference(string text)
    {
        var root = System.Xml.Linq.XDocument.Parse(text).Root!;
        var sb = new System.Text.StringBuilder();
        void Start(System.Xml.Linq.XElement e)
        {
            sb.Append('\u0001').Append(e.Name.ToString());
            foreach (var a in e.Attributes().Where(a => !a.IsNamespaceDeclaration))
            {
                sb.Append('\u0002').Append(a.Name.ToString()).Append('=').Append(a.Value);
            }
        }

        void Walk(System.Xml.Linq.XElement e)
        {
            foreach (var node in e.Nodes())
            {
                switch (node)
                {
                    case System.Xml.Linq.XElement child when !(e == root && child.Name.LocalName == "BPMNDiagram" && child.Name.NamespaceName == "http://www.omg.org/spec/BPMN/20100524/DI"):
                        Start(child);
                        if (child.FirstNode is null)
                        {
                            sb.Append('\u0004');
                        }
                        else
                        {
                            Walk(child);
                            sb.Append('\u0004');
                        }

                        break;
                    case System.Xml.Linq.XText t when t is System.Xml.Linq.XCData || t.Value.Trim().Length > 0:
                        sb.Append('\u0003').Append(t.Value);
                        break;
                }
            }
        }

        Start(root);
        Walk(root);
        return FlowCompiler.Sha256Hex(sb.ToString());
    }

    [Fact]
    public void The_streamed_hash_is_the_hash_of_the_layout_free_text_as_before()
    {
        // Namespaced and plain names and attributes, CDATA, text with surrounding blanks, non-ASCII,
        // and a file long enough to fill the hash's buffer several times.
        var tasks = string.Concat(Enumerable.Range(0, 300).Select(i => $"<task id=\"T{i}\" name=\"Größe {i} 注文\" x:attr=\"v{i}\" />"));
        var text = File($"<documentation>  why \U0001F600 </documentation><script><![CDATA[ a < b ]]></script>{tasks}")
            .Replace("<definitions ", "<definitions xmlns:x=\"urn:x\" ", StringComparison.Ordinal);

        Assert.Equal(Reference(text), Hash(text));
        Assert.Equal(Reference(File()), Hash(File()));
    }
}
