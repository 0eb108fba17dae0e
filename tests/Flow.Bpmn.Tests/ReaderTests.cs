using Flow.Bpmn.Model;

namespace Flow.Bpmn.Tests;

/// <summary>Reading is safe (no DTD, no entity, no resolver) and names what it refuses.</summary>
public class ReaderTests
{
    [Fact]
    public void A_dtd_is_refused_and_no_entity_is_expanded()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE definitions [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p" name="&x;"/></definitions>
            """;

        var error = Assert.Throws<BpmnModelException>(() => Bpmn.ReadModel(xml));

        Assert.Equal(BpmnErrors.MalformedXml, error.ErrorId);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_names_its_line()
    {
        var error = Assert.Throws<BpmnModelException>(() => Bpmn.ReadModel("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<process>\n</definitions>"));

        Assert.Equal(BpmnErrors.MalformedXml, error.ErrorId);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_bpmn_is_refused()
    {
        var error = Assert.Throws<BpmnModelException>(() => Bpmn.ReadModel("<definitions xmlns=\"urn:other\"/>"));

        Assert.Equal(BpmnErrors.NotBpmn, error.ErrorId);
        Assert.Contains("urn:other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_id_in_the_file_names_its_element_and_line()
    {
        const string xml = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\">\n<process id=\"p\">\n<task id=\"bad id\"/></process></definitions>";

        var error = Assert.Throws<BpmnModelException>(() => Bpmn.ReadModel(xml));

        Assert.Equal(BpmnErrors.InvalidId, error.ErrorId);
        Assert.Contains("<task> at line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("'bad id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_model_does_not_hold_is_left_out_and_the_rest_kept()
    {
        const string xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
              <process id="p">
                <laneSet id="ls"><lane id="l"/></laneSet>
                <dataObject id="data"/>
                <startEvent id="s"/>
                <userTask id="u" camunda:assignee="ann" implementation="##unspecified"/>
                <textAnnotation id="note"><text>hi</text></textAnnotation>
                <sequenceFlow sourceRef="s" targetRef="u"/>
              </process>
            </definitions>
            """;

        var model = Bpmn.ReadModel(xml);

        var process = Assert.Single(model.Processes);
        Assert.True(process.IsExecutable);
        Assert.Equal(new[] { "s", "u" }, process.FlowNodes.Select(n => n.Id));
        Assert.Equal("Flow_s_u", Assert.Single(process.SequenceFlows).Id);
        Assert.Equal("ann", process.FlowNodes[1].GetExtensionAttribute(BpmnXmlNames.Camunda, "assignee"));
    }

    [Fact]
    public void Interrupting_flags_are_read_only_where_bpmn_defines_them_so_a_rewrite_reads_the_same()
    {
        // isInterrupting belongs to start events, cancelActivity to boundary events; elsewhere they mean nothing.
        const string xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <process id="p">
                <startEvent id="s" isInterrupting="false"/>
                <intermediateCatchEvent id="c" isInterrupting="false" cancelActivity="false"><signalEventDefinition/></intermediateCatchEvent>
                <sequenceFlow id="f" sourceRef="s" targetRef="c"/>
              </process>
            </definitions>
            """;

        var read = Bpmn.ReadModel(xml);

        Assert.False(read.FindNode("s")!.IsInterrupting);
        Assert.True(read.FindNode("c")!.IsInterrupting);
        Assert.True(read.FindNode("c")!.CancelActivity);
        Assert.Empty(BpmnModelComparison.Differences(read, Bpmn.ReadModel(Bpmn.WriteModel(read))));
    }
}
