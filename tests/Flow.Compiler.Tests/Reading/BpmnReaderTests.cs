using Flow.Compiler.Model;
using Flow.Compiler.Reading;

namespace Flow.Compiler.Tests.Reading;

public class BpmnReaderTests
{
    private static BpmnDocument Read(string text)
    {
        var result = BpmnReader.Read(text);
        Assert.Empty(result.Diagnostics);
        return result.Document!;
    }

    private const string TwoPools = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="D">
          <collaboration id="C">
            <participant id="Pool_Shop" name="Shop" processRef="shop" />
            <participant id="Pool_Bank" name="Bank" processRef="bank" />
            <messageFlow id="M1" sourceRef="Pool_Shop" targetRef="Pool_Bank" />
          </collaboration>
          <message id="Msg_Pay" name="Pay" />
          <signal id="Sig" name="Stop" />
          <error id="Err" errorCode="E42" />
          <itemDefinition id="Item_Order" structureRef="Shop.Order" />
          <process id="shop" isExecutable="true">
            <laneSet id="LS"><lane id="L1" name="Clerk"><flowNodeRef>s</flowNodeRef></lane></laneSet>
            <dataObject id="DO" name="Order" itemSubjectRef="Item_Order" />
            <property id="Prop" name="amount" />
            <startEvent id="s" />
            <subProcess id="sub">
              <startEvent id="sub_s" />
              <userTask id="review" name="Review" />
              <endEvent id="sub_e" />
              <sequenceFlow id="sf1" sourceRef="sub_s" targetRef="review" />
              <sequenceFlow id="sf2" sourceRef="review" targetRef="sub_e" />
            </subProcess>
            <boundaryEvent id="late" attachedToRef="sub" cancelActivity="false"><timerEventDefinition id="T" /></boundaryEvent>
            <endEvent id="e"><terminateEventDefinition id="Term" /></endEvent>
            <sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <sequenceFlow id="f2" sourceRef="sub" targetRef="e" />
          </process>
          <process id="bank" isExecutable="false">
            <startEvent id="b_s"><messageEventDefinition id="MED" messageRef="Msg_Pay" /></startEvent>
          </process>
          <bpmndi:BPMNDiagram id="Di"><bpmndi:BPMNPlane id="Plane" bpmnElement="C" /></bpmndi:BPMNDiagram>
        </definitions>
        """;

    [Fact]
    public void Reads_every_process_of_a_collaboration_with_pool_names()
    {
        var document = Read(TwoPools);

        Assert.Equal(new[] { "shop", "bank" }, document.Processes.Select(p => p.Id));
        Assert.Equal("Shop", document.Processes[0].Name);
        Assert.True(document.Processes[0].IsExecutable);
        Assert.False(document.Processes[1].IsExecutable);
    }

    [Fact]
    public void Flattens_sub_processes_into_scoped_nodes_and_flows()
    {
        var shop = Read(TwoPools).Processes[0];

        Assert.Equal(new[] { "s", "sub", "sub_s", "review", "sub_e", "late", "e" }, shop.Nodes.Select(n => n.Id));
        Assert.Equal("sub", shop.Nodes.Single(n => n.Id == "review").ScopeId);
        Assert.Equal("shop", shop.Nodes.Single(n => n.Id == "sub").ScopeId);
        Assert.Equal(FlowNodeKind.UserTask, shop.Nodes.Single(n => n.Id == "review").Kind);
        Assert.Equal(new[] { "sub", "sub", "shop", "shop" }, shop.Flows.Select(f => f.ScopeId));
    }

    [Fact]
    public void Keeps_event_definitions_boundary_attachment_and_data()
    {
        var document = Read(TwoPools);
        var shop = document.Processes[0];

        var late = shop.Nodes.Single(n => n.Id == "late");
        Assert.Equal(EventDefinitionKind.Timer, Assert.Single(late.EventDefinitions).Kind);
        Assert.Equal("sub", late.AttachedToRef);
        Assert.False(late.CancelActivity);
        Assert.True(shop.Nodes.Single(n => n.Id == "e").HasDefinition(EventDefinitionKind.Terminate));
        Assert.Equal("Msg_Pay", document.Processes[1].Nodes.Single().EventDefinitions[0].Reference);

        Assert.Equal(new[] { DataElementKind.DataObject, DataElementKind.Property }, shop.Data.Select(d => d.Kind));
        Assert.Equal("Item_Order", shop.Data[0].ItemSubjectRef);
        Assert.Contains(document.GlobalElements, g => g.Kind == GlobalElementKind.ItemDefinition && g.Detail == "Shop.Order");
        Assert.Contains(document.GlobalElements, g => g.Kind == GlobalElementKind.Error && g.Detail == "E42");
        Assert.Contains(document.GlobalElements, g => g.Kind == GlobalElementKind.Signal && g.Name == "Stop");
    }

    [Fact]
    public void Positions_point_at_the_start_tag()
    {
        var review = Read(TwoPools).Processes[0].Nodes.Single(n => n.Id == "review");
        var line = TwoPools.Split('\n').Select((l, i) => (l, i)).Single(x => x.l.Contains("<userTask", StringComparison.Ordinal));

        Assert.Equal(line.i + 1, review.Span.StartLine);
        Assert.Equal(line.l.IndexOf('<', StringComparison.Ordinal) + 1, review.Span.StartColumn);
        Assert.Equal(review.Span.StartColumn + "<userTask".Length, review.Span.EndColumn);
    }

    [Theory]
    [InlineData("http://www.omg.org/spec/BPMN/20100524/MODEL")]
    [InlineData("http://schema.omg.org/spec/BPMN/2.0")]
    [InlineData("http://www.omg.org/bpmn20")]
    public void Accepts_the_final_and_draft_namespaces(string ns)
    {
        var document = Read($"""<definitions xmlns="{ns}"><process id="p"><startEvent id="s"/></process></definitions>""");
        Assert.Equal("s", document.Processes.Single().Nodes.Single().Id);
    }

    [Fact]
    public void A_missing_isExecutable_means_executable_as_in_Camunda()
    {
        var document = Read("""<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" /></definitions>""");
        Assert.True(document.Processes.Single().IsExecutable);
    }

    [Fact]
    public void Sequence_flows_are_the_truth_incoming_and_outgoing_are_optional()
    {
        const string WithChildren = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
              <startEvent id="s"><outgoing>f</outgoing></startEvent><endEvent id="e"><incoming>f</incoming></endEvent>
              <sequenceFlow id="f" sourceRef="s" targetRef="e" /></process></definitions>
            """;
        const string WithoutChildren = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
              <startEvent id="s" /><endEvent id="e" />
              <sequenceFlow id="f" sourceRef="s" targetRef="e" /></process></definitions>
            """;
        var a = Read(WithChildren).Processes.Single();
        var b = Read(WithoutChildren).Processes.Single();

        Assert.Equal(a.Flows.Select(f => (f.SourceRef, f.TargetRef)), b.Flows.Select(f => (f.SourceRef, f.TargetRef)));
        Assert.Empty(Flow.Compiler.Rules.ProcessValidator.Validate(b));
    }

    [Fact]
    public void Conditions_keep_their_text_and_language()
    {
        var flow = Read("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><process id="p">
              <sequenceFlow id="f" sourceRef="a" targetRef="b"><conditionExpression xsi:type="tFormalExpression" language="csharp"><![CDATA[amount > 1000 && rush]]></conditionExpression></sequenceFlow>
            </process></definitions>
            """).Processes.Single().Flows.Single();

        Assert.Equal("amount > 1000 && rush", flow.Condition!.Text);
        Assert.Equal("csharp", flow.Condition.Language);
    }

    [Fact]
    public void The_model_is_value_equatable()
    {
        Assert.Equal(Read(TwoPools), Read(TwoPools));
        Assert.NotEqual(Read(TwoPools), Read(TwoPools.Replace("name=\"Review\"", "name=\"Check\"", StringComparison.Ordinal)));
    }
}
