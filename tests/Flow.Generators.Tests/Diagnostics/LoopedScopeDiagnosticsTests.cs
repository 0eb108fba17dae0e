using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Loops on sub-processes and call activities: what compiles clean, and an event sub-process inside one (each element has its own).</summary>
public class LoopedScopeDiagnosticsTests
{
    private static string WithSubProcess(string inside) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1">
          <bpmn:message id="Msg" name="cancel" />
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="items" type="System.Collections.Generic.List&lt;int&gt;" />
              <flow:variable name="results" type="System.Collections.Generic.List&lt;string&gt;" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Each">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="items" camunda:elementVariable="item" flow:outputCollection="results" flow:outputElement="${item.ToString()}" />
              <bpmn:startEvent id="InnerStart" />
              <bpmn:scriptTask id="Use" scriptFormat="csharp"><bpmn:script>System.Console.WriteLine(item + loopCounter);</bpmn:script></bpmn:scriptTask>
              <bpmn:endEvent id="InnerEnd" />
              <bpmn:sequenceFlow id="I1" sourceRef="InnerStart" targetRef="Use" />
              <bpmn:sequenceFlow id="I2" sourceRef="Use" targetRef="InnerEnd" />
              {{inside}}
            </bpmn:subProcess>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Each" />
            <bpmn:sequenceFlow id="F2" sourceRef="Each" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public Task A_multi_instance_sub_process_whose_script_reads_the_element_compiles_clean() =>
        GeneratorTest.VerifyAsync(WithSubProcess(""));

    [Fact]
    public Task An_event_sub_process_inside_a_multi_instance_sub_process_compiles_clean() =>
        GeneratorTest.VerifyAsync(WithSubProcess("""
            <bpmn:subProcess id="OnCancel" triggeredByEvent="true">
                <bpmn:startEvent id="CancelStart"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:startEvent>
                <bpmn:endEvent id="CancelEnd" />
                <bpmn:sequenceFlow id="C1" sourceRef="CancelStart" targetRef="CancelEnd" />
              </bpmn:subProcess>
            """));

    [Fact]
    [Fires("FLOW1321")]
    public Task A_loop_on_an_event_sub_process_is_reported_at_its_loop_characteristics()
    {
        var text = WithSubProcess("""
            <bpmn:subProcess id="OnCancel" triggeredByEvent="true">
                <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
                <bpmn:startEvent id="CancelStart"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:startEvent>
                <bpmn:endEvent id="CancelEnd" />
                <bpmn:sequenceFlow id="C1" sourceRef="CancelStart" targetRef="CancelEnd" />
              </bpmn:subProcess>
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1321", text, "<bpmn:multiInstanceLoopCharacteristics isSequential").WithArguments("OnCancel", "a sequential multi-instance"));
    }
}
