using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Calls;

/// <summary>Processes that call each other, compiled into one flow assembly (one deployment).</summary>
internal static class CallFlows
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs">
        """;

    /// <summary>A leaf that waits at a user task (its output: result) or, with <paramref name="errorCode"/>, ends with that error at once; <paramref name="marker"/> tells versions apart.</summary>
    public static string Leaf(string marker = "v1", string? errorCode = null, bool escalate = false) => Head + $$"""
          <bpmn:error id="Err" errorCode="{{errorCode}}" />
          <bpmn:escalation id="Esc" escalationCode="late" />
          <bpmn:process id="leaf" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="total" type="int" />
              <flow:variable name="result" type="string" />
              <flow:variable name="version" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            <bpmn:scriptTask id="Mark" scriptFormat="csharp"><bpmn:script>version = "{{marker}}";</bpmn:script></bpmn:scriptTask>
            {{(escalate ? "<bpmn:intermediateThrowEvent id=\"Escalate\"><bpmn:escalationEventDefinition escalationRef=\"Esc\" /></bpmn:intermediateThrowEvent>" : "<bpmn:intermediateThrowEvent id=\"Escalate\" />")}}
            {{(errorCode is null
                ? "<bpmn:userTask id=\"Approve\"><bpmn:extensionElements><flow:output name=\"result\" type=\"string\" /></bpmn:extensionElements></bpmn:userTask>"
                : "<bpmn:intermediateThrowEvent id=\"Approve\" />")}}
            {{(errorCode is null ? "<bpmn:endEvent id=\"E\" />" : "<bpmn:endEvent id=\"E\"><bpmn:errorEventDefinition errorRef=\"Err\" /></bpmn:endEvent>")}}
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Mark" />
            <bpmn:sequenceFlow id="F2" sourceRef="Mark" targetRef="Escalate" />
            <bpmn:sequenceFlow id="F3" sourceRef="Escalate" targetRef="Approve" />
            <bpmn:sequenceFlow id="F4" sourceRef="Approve" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>The middle: calls the leaf with every variable in and out.</summary>
    public static string Middle() => Head + """
          <bpmn:process id="middle" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="total" type="int" />
              <flow:variable name="result" type="string" />
              <flow:variable name="version" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            <bpmn:callActivity id="CallLeaf" calledElement="leaf">
              <bpmn:extensionElements>
                <camunda:in variables="all" />
                <camunda:out variables="all" />
              </bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="CallLeaf" />
            <bpmn:sequenceFlow id="F2" sourceRef="CallLeaf" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>
    /// The parent: an optional user task before the call (to start the call later), the call with
    /// typed mappings and a binding, an error boundary (code E1) and an escalation boundary
    /// (non-interrupting) on the call.
    /// </summary>
    public static string Parent(string called = "middle", string binding = "", bool waitFirst = false) => Head + $$"""
          <bpmn:error id="Err" errorCode="E1" />
          <bpmn:escalation id="Esc" escalationCode="late" />
          <bpmn:process id="parent" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="amount" type="int" />
              <flow:variable name="outcome" type="string" />
              <flow:variable name="version" type="string" />
              <flow:variable name="escalated" type="int" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            {{(waitFirst ? "<bpmn:userTask id=\"Before\" />" : "<bpmn:intermediateThrowEvent id=\"Before\" />")}}
            <bpmn:callActivity id="Call" calledElement="{{called}}" {{binding}}>
              <bpmn:extensionElements>
                <camunda:in sourceExpression="${amount * 2}" target="total" />
                <camunda:out source="result" target="outcome" />
                <camunda:out source="version" target="version" />
              </bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:boundaryEvent id="Failed" attachedToRef="Call"><bpmn:errorEventDefinition errorRef="Err" /></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="Late" attachedToRef="Call" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="Esc" /></bpmn:boundaryEvent>
            <bpmn:scriptTask id="CountLate" scriptFormat="csharp"><bpmn:script>escalated++;</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="E" />
            <bpmn:endEvent id="FailedEnd" />
            <bpmn:endEvent id="LateEnd" />
            <bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="Before" />
            <bpmn:sequenceFlow id="F1" sourceRef="Before" targetRef="Call" />
            <bpmn:sequenceFlow id="F2" sourceRef="Call" targetRef="E" />
            <bpmn:sequenceFlow id="F3" sourceRef="Failed" targetRef="FailedEnd" />
            <bpmn:sequenceFlow id="F4" sourceRef="Late" targetRef="CountLate" />
            <bpmn:sequenceFlow id="F5" sourceRef="CountLate" targetRef="LateEnd" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static byte[] Compile(string leaf, string? parent = null) =>
        FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/parent.bpmn", parent ?? Parent()), ("/flows/middle.bpmn", Middle()), ("/flows/leaf.bpmn", leaf) }, Array.Empty<string>());
}
