using System.Xml.Linq;
using Flow.Bpmn.Layout;
using Flow.Bpmn.Model;

namespace Flow.Bpmn.Tests;

/// <summary>Loops, compensation, transactions, call mappings and input/output: what is written, what is read back, where the layout puts handlers.</summary>
public class LoopAndCompensationTests
{
    /// <summary>As Camunda Modeler writes it: loops, a handler associated the other way round, mappings, parameters (one with a script value).</summary>
    private const string CamundaXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:flow="http://flow-generators.dev/schema/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="approve">
              <bpmn:multiInstanceLoopCharacteristics id="approveLoop" isSequential="true" camunda:collection="${approvers}" camunda:elementVariable="approver" flow:outputCollection="votes" flow:outputElement="vote">
                <bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">3</bpmn:loopCardinality>
                <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${nrOfCompletedInstances &gt;= 2}</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:callActivity id="call" calledElement="other">
              <bpmn:extensionElements>
                <camunda:in businessKey="#{execution.processBusinessKey}" />
                <camunda:in source="a" target="b" local="true" />
                <camunda:out variables="all" />
                <camunda:inputOutput>
                  <camunda:inputParameter name="x">1</camunda:inputParameter>
                  <camunda:inputParameter name="s"><camunda:script scriptFormat="groovy">1+1</camunda:script></camunda:inputParameter>
                  <camunda:outputParameter name="y">${x}</camunda:outputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
              <bpmn:standardLoopCharacteristics testBefore="true" loopMaximum="4">
                <bpmn:loopCondition xsi:type="bpmn:tFormalExpression">loopCounter &lt; 2</bpmn:loopCondition>
              </bpmn:standardLoopCharacteristics>
            </bpmn:callActivity>
            <bpmn:boundaryEvent id="called" attachedToRef="call"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
            <bpmn:serviceTask id="undo" isForCompensation="true" />
            <bpmn:endEvent id="e"><bpmn:compensateEventDefinition activityRef="call" /></bpmn:endEvent>
            <bpmn:textAnnotation id="note"><bpmn:text>a note</bpmn:text></bpmn:textAnnotation>
            <bpmn:association id="toNote" sourceRef="approve" targetRef="note" />
            <bpmn:association id="link" associationDirection="One" sourceRef="undo" targetRef="called" xmlns:tool="urn:example:tool" tool:color="red" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void Loops_mappings_parameters_handlers_and_associations_are_read()
    {
        var model = Bpmn.ReadModel(CamundaXml);

        var loop = model.FindNode("approve")!.Loop!;
        Assert.True(loop.IsMultiInstance);
        Assert.True(loop.IsSequential);
        Assert.Equal("approveLoop", loop.Id);
        Assert.Equal("3", loop.Cardinality);
        Assert.Equal("${nrOfCompletedInstances >= 2}", loop.CompletionCondition);
        Assert.Equal("${approvers}", loop.Collection);
        Assert.Equal("approver", loop.ElementVariable);
        Assert.Equal("votes", loop.OutputCollection);
        Assert.Equal("vote", loop.OutputElement);

        var call = model.FindNode("call")!;
        Assert.False(call.Loop!.IsMultiInstance);
        Assert.True(call.Loop.TestBefore);
        Assert.Equal("4", call.Loop.LoopMaximum);
        Assert.Equal("loopCounter < 2", call.Loop.LoopCondition);
        Assert.Equal(3, call.CallMappings.Count);
        Assert.Equal("#{execution.processBusinessKey}", call.CallMappings[0].BusinessKey);
        Assert.True(call.CallMappings[1] is { Direction: BpmnCallMappingDirection.In, Source: "a", Target: "b", Local: true });
        Assert.True(call.CallMappings[2] is { Direction: BpmnCallMappingDirection.Out, AllVariables: true });

        // A script value is kept as written (the compiler does not run it, but writing it back keeps it).
        Assert.Equal(new[] { "x=1", "s=script(\"groovy\", null, \"1+1\")" }, call.InputParameters.Select(p => p.ToString()));
        Assert.Null(call.InputParameters[1].Value);
        Assert.Equal("y=${x}", Assert.Single(call.OutputParameters).ToString());

        Assert.True(model.FindNode("undo")!.IsForCompensation);
        Assert.Equal("call", model.FindNode("e")!.EventDefinition!.Reference);

        // The association to a text annotation is left out with the annotation.
        var association = Assert.Single(model.Processes[0].Associations);
        Assert.Equal(("link", "undo", "called", "One"), (association.Id, association.SourceRef, association.TargetRef, association.Direction));
        Assert.Equal("red", association.GetExtensionAttribute("urn:example:tool", "color"));
    }

    [Fact]
    public void What_was_read_is_written_and_read_back_unchanged()
    {
        var read = Bpmn.ReadModel(CamundaXml);

        var written = Bpmn.WriteModel(read);

        Assert.Empty(BpmnModelComparison.Differences(read, Bpmn.ReadModel(written)));
        Assert.Equal(written, Bpmn.WriteModel(Bpmn.ReadModel(written)));
    }

    [Fact]
    public void The_builder_writes_loops_and_compensation_as_the_compiler_reads_them()
    {
        var xml = XDocument.Parse(Bpmn.WriteModel(Samples.Compensation()));
        XNamespace bpmn = BpmnXmlNames.Bpmn;

        var association = xml.Descendants(bpmn + "association").Single(a => (string?)a.Attribute("sourceRef") == "charged");
        Assert.Equal("refund", (string?)association.Attribute("targetRef"));
        Assert.Equal("true", (string?)xml.Descendants(bpmn + "serviceTask").Single(t => (string?)t.Attribute("id") == "refund").Attribute("isForCompensation"));
        Assert.Equal("charge", (string?)xml.Descendants(bpmn + "intermediateThrowEvent").Single(t => (string?)t.Attribute("id") == "undoCharge").Element(bpmn + "compensateEventDefinition")!.Attribute("activityRef"));
        Assert.Null(xml.Descendants(bpmn + "endEvent").Single(t => (string?)t.Attribute("id") == "undoAll").Element(bpmn + "compensateEventDefinition")!.Attribute("activityRef"));

        // The association inside the sub-process stays there, with its handler.
        Assert.Equal("pack", (string?)xml.Descendants(bpmn + "association").Single(a => (string?)a.Attribute("sourceRef") == "reserved").Parent!.Attribute("id"));

        // Every association has an edge in the diagram.
        var edges = xml.Descendants(XName.Get("BPMNEdge", BpmnXmlNames.BpmnDi)).Select(e => (string?)e.Attribute("bpmnElement")).ToHashSet();
        Assert.All(xml.Descendants(bpmn + "association"), a => Assert.Contains((string?)a.Attribute("id"), edges));
    }

    [Fact]
    public void A_handler_is_placed_under_its_boundary_event_and_its_association_goes_straight_down()
    {
        var model = Samples.Compensation();
        var diagram = AutoLayout.Compute(model.Processes[0]);
        var process = model.Processes[0];

        foreach (var association in model.AllAssociations())
        {
            var boundary = diagram.Shapes[association.SourceRef];
            var handler = diagram.Shapes[association.TargetRef];
            Assert.True(handler.Y > boundary.Bottom, $"'{association.TargetRef}' is not under '{association.SourceRef}'");
            Assert.InRange(boundary.CenterX, handler.X, handler.Right);
            var points = diagram.Edges[association.Id];
            Assert.Equal(new Waypoint(boundary.CenterX, boundary.Bottom), points[0]);
            Assert.Equal(new Waypoint(boundary.CenterX, handler.Y), points[^1]);
        }

        // Handlers lie below the flow of their scope, above its event sub-processes.
        var flowBottom = process.FlowNodes.Where(n => !n.IsForCompensation && n.Kind != BpmnNodeKind.BoundaryEvent).Max(n => diagram.Shapes[n.Id].Bottom);
        Assert.All(process.FlowNodes.Where(n => n.IsForCompensation), h => Assert.True(diagram.Shapes[h.Id].Y > flowBottom));
    }

    [Fact]
    public void MultiInstance_replaces_a_standard_loop_and_reads_back_as_built()
    {
        var model = Bpmn.CreateProcess("p").Variable("items", "List<int>")
            .StartEvent().ServiceTask("t").StandardLoop("true", loopMaximum: 3)
            .MultiInstance().CamundaCollection("items").CamundaElementVariable("item").ElementType("int").CamundaAsyncBefore().MultiInstanceDone()
            .EndEvent().Done();

        var loop = model.FindNode("t")!.Loop!;
        Assert.True(loop.IsMultiInstance);
        Assert.Null(loop.LoopMaximum);
        Assert.Equal("int", loop.ElementType);
        Assert.Equal("true", loop.GetExtensionAttribute(BpmnXmlNames.Camunda, "asyncBefore"));
        Assert.Empty(BpmnModelComparison.Differences(model, Bpmn.ReadModel(Bpmn.WriteModel(model))));
    }

    [Fact]
    public void The_comparison_finds_a_changed_loop_mapping_and_handler()
    {
        var built = Samples.MultiInstances();
        var read = Bpmn.ReadModel(Bpmn.WriteModel(built));
        read.FindNode("approve")!.Loop!.CompletionCondition = "true";
        read.FindNode("notify")!.CallMappings.Clear();
        read.FindNode("count")!.IsForCompensation = true;

        var differences = BpmnModelComparison.Differences(built, read);

        Assert.Equal(3, differences.Count);
        Assert.Contains(differences, d => d.Contains("(approve).Loop", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("(notify).CallMappings", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("(count).IsForCompensation", StringComparison.Ordinal));
    }
}
