using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

public class SubProcessTests
{
    private static readonly string Nested = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Fulfil">
              <bpmn:startEvent id="FulfilStart" />
              <bpmn:serviceTask id="Pick" flow:handler="Pick" />
              <bpmn:subProcess id="Package">
                <bpmn:startEvent id="PackageStart" />
                <bpmn:serviceTask id="Box" flow:handler="Box" />
                <bpmn:exclusiveGateway id="Fragile" default="Sturdy" />
                <bpmn:endEvent id="PackageStop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
                <bpmn:serviceTask id="Label" flow:handler="Label" />
                <bpmn:endEvent id="PackageEnd" />
                <bpmn:sequenceFlow id="P1" sourceRef="PackageStart" targetRef="Box" />
                <bpmn:sequenceFlow id="P2" sourceRef="Box" targetRef="Fragile" />
                <bpmn:sequenceFlow id="Careful" sourceRef="Fragile" targetRef="PackageStop"><bpmn:conditionExpression>fragile</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="Sturdy" sourceRef="Fragile" targetRef="Label" />
                <bpmn:sequenceFlow id="P4" sourceRef="Label" targetRef="PackageEnd" />
              </bpmn:subProcess>
              <bpmn:endEvent id="FulfilEnd" />
              <bpmn:sequenceFlow id="S1" sourceRef="FulfilStart" targetRef="Pick" />
              <bpmn:sequenceFlow id="S2" sourceRef="Pick" targetRef="Package" />
              <bpmn:sequenceFlow id="S3" sourceRef="Package" targetRef="FulfilEnd" />
            </bpmn:subProcess>
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Fulfil")}
        {Seq("F2", "Fulfil", "Ship")}
        {Seq("F3", "Ship", "End")}
        """, Variable("fragile", "bool"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nested_sub_processes_run_inside_out_and_then_the_process_goes_on(bool tokenEngine)
    {
        var flow = TestFlow.Build(Nested, new[] { "Pick", "Box", "Label", "Ship" });
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync(("fragile", false));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Pick", "Box", "Label", "Ship" }, TestFlow.Log(instance));
        Assert.Equal(
            new[] { "Start", "Fulfil", "FulfilStart", "Pick", "Package", "PackageStart", "Box", "Fragile", "Label", "PackageEnd", "FulfilEnd", "Ship", "End" },
            instance.Trace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_terminate_end_inside_a_sub_process_ends_only_that_sub_process(bool tokenEngine)
    {
        var flow = TestFlow.Build(Nested, new[] { "Pick", "Box", "Label", "Ship" });
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync(("fragile", true));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Pick", "Box", "Ship" }, TestFlow.Log(instance));
        Assert.Contains("PackageStop", instance.Trace);
        Assert.Equal("End", instance.Trace[^1]);
    }

    [Fact]
    public async Task A_wait_state_inside_a_sub_process_survives_a_json_round_trip()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Approval">
                  <bpmn:startEvent id="AStart" />
                  <bpmn:userTask id="Sign" />
                  <bpmn:endEvent id="AEnd" />
                  <bpmn:sequenceFlow id="A1" sourceRef="AStart" targetRef="Sign" />
                  <bpmn:sequenceFlow id="A2" sourceRef="Sign" targetRef="AEnd" />
                </bpmn:subProcess>
            {Service("Ship")}
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Approval")}
            {Seq("F2", "Approval", "Ship")}
            {Seq("F3", "Ship", "End")}
            """);
        var flow = TestFlow.Build(bpmn, new[] { "Ship" });
        var instance = await flow.StartAsync();
        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());

        await resumed.CompleteAsync("Sign");

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(new[] { "Start", "Approval", "AStart", "Sign", "AEnd", "Ship", "End" }, resumed.Trace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_error_end_inside_a_sub_process_fails_the_instance_there(bool tokenEngine)
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Sub">
                  <bpmn:startEvent id="SubStart" />
                  <bpmn:serviceTask id="Inner" flow:handler="Inner" />
                  <bpmn:endEvent id="SubError"><bpmn:errorEventDefinition /></bpmn:endEvent>
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Inner" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Inner" targetRef="SubError" />
                </bpmn:subProcess>
            {Service("After")}
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Sub")}
            {Seq("F2", "Sub", "After")}
            {Seq("F3", "After", "End")}
            """);
        var flow = TestFlow.Build(bpmn, new[] { "Inner", "After" });
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("BpmnError", instance.Failure!.Kind);
        Assert.Equal("SubError", instance.Failure.NodeId);
        Assert.Equal(new[] { "Start", "Sub", "SubStart", "Inner", "SubError" }, instance.Trace);
        Assert.Equal(new[] { "Inner" }, TestFlow.Log(instance));
    }
}
