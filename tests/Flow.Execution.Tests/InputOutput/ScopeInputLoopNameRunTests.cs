using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// A sub-process with no loop around it whose inputs are named loopCounter and nrOfInstances: they
/// are locals like any other, hiding the process variables of their names, in the scripts and
/// flow conditions inside (before, the generated code left them out as loop variables, so the code
/// read the process variables: 1 and 1 here, silently).
/// </summary>
public class ScopeInputLoopNameRunTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private static readonly string Bpmn = Process($$"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:extensionElements>
                <camunda:inputOutput {{Camunda}}>
                  <camunda:inputParameter name="loopCounter">${7}</camunda:inputParameter>
                  <camunda:inputParameter name="nrOfInstances">${nrOfInstances + 1}</camunda:inputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
              <bpmn:startEvent id="SubStart" />
              <bpmn:scriptTask id="Note" scriptFormat="csharp"><bpmn:script>log.Add("in " + loopCounter + "/" + nrOfInstances);</bpmn:script></bpmn:scriptTask>
              <bpmn:exclusiveGateway id="Choose" default="Wrong" />
              <bpmn:scriptTask id="Right" scriptFormat="csharp"><bpmn:script>log.Add("right");</bpmn:script></bpmn:scriptTask>
              <bpmn:endEvent id="SubEnd" />
              <bpmn:endEvent id="WrongEnd" />
              <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Note" />
              <bpmn:sequenceFlow id="S2" sourceRef="Note" targetRef="Choose" />
              <bpmn:sequenceFlow id="ToRight" sourceRef="Choose" targetRef="Right"><bpmn:conditionExpression>${loopCounter == 7 &amp;&amp; nrOfInstances == 2}</bpmn:conditionExpression></bpmn:sequenceFlow>
              <bpmn:sequenceFlow id="Wrong" sourceRef="Choose" targetRef="WrongEnd" />
              <bpmn:sequenceFlow id="S3" sourceRef="Right" targetRef="SubEnd" />
            </bpmn:subProcess>
            <bpmn:endEvent id="End" />
        {{Seq("F1", "Start", "Sub")}}
        {{Seq("F2", "Sub", "End")}}
        """, Variable("loopCounter", "int") + Variable("nrOfInstances", "int"));

    [Fact]
    public async Task Inputs_named_like_loop_variables_are_read_inside_a_scope_without_a_loop()
    {
        var instance = await TestFlow.Build(Bpmn, Array.Empty<string>()).StartAsync(("loopCounter", 1), ("nrOfInstances", 1));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "in 7/2", "right" }, TestFlow.Log(instance));
        Assert.Equal(1, TestFlow.Get<int>(instance, "loopCounter"));   // the process variable keeps its value
    }
}
