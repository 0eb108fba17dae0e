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
}
