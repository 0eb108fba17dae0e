using System.Reflection;
using System.Text.Json;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// An instance that ends abnormally (here: an uncaught error end event) ends every token of
/// every scope with it: nothing is left waiting, the saved state holds no token, and completing a
/// node of it is a clear error (issue 17.1).
/// </summary>
public class AbnormalEndTests
{
    private const string ErrorDeclaration = "<bpmn:error id=\"Err_B\" name=\"B failed\" errorCode=\"B_FAILED\" />\n  <bpmn:process";

    // The first flow of the fork leads to the user task, so U_C is waiting when the other branch reaches the error end.
    private static readonly string ForkWithWait = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:userTask id="U_C" />
        {Service("Check")}
            <bpmn:endEvent id="Fail"><bpmn:errorEventDefinition errorRef="Err_B" /></bpmn:endEvent>
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Fork")}
        {Seq("F2", "Fork", "U_C")}
        {Seq("F3", "Fork", "Check")}
        {Seq("F4", "Check", "Fail")}
        {Seq("F5", "U_C", "End")}
        """).Replace("<bpmn:process", ErrorDeclaration, StringComparison.Ordinal);

    [Fact]
    public async Task An_error_end_in_one_branch_ends_the_token_waiting_in_the_other()
    {
        var flow = TestFlow.Build(ForkWithWait, new[] { "Check" });

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("BpmnError", instance.Failure!.Kind);
        Assert.Equal("B_FAILED", instance.Failure.Message);
        Assert.Empty(instance.WaitingAt);
        Assert.True(instance.HasEnded);
        await AssertEndedForGood(flow, instance.ToJson(), "U_C", "B_FAILED");
    }

    // No wait state: the sub-process with the error end runs first, so the other branch never runs.
    private static readonly string ForkWithFailingSubProcess = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="SubStart" />
              <bpmn:serviceTask id="Inner" flow:handler="Inner" />
              <bpmn:endEvent id="SubError"><bpmn:errorEventDefinition errorRef="Err_B" /></bpmn:endEvent>
              <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Inner" />
              <bpmn:sequenceFlow id="S2" sourceRef="Inner" targetRef="SubError" />
            </bpmn:subProcess>
        {Service("Pack")}
            <bpmn:parallelGateway id="Join" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Fork")}
        {Seq("F2", "Fork", "Sub")}
        {Seq("F3", "Fork", "Pack")}
        {Seq("F4", "Sub", "Join")}
        {Seq("F5", "Pack", "Join")}
        {Seq("F6", "Join", "End")}
        """).Replace("<bpmn:process", ErrorDeclaration, StringComparison.Ordinal);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_error_end_inside_a_parallel_branchs_sub_process_ends_every_token_on_both_engines(bool tokenEngine)
    {
        var flow = TestFlow.Build(ForkWithFailingSubProcess, new[] { "Inner", "Pack" });
        var straight = flow.Process.GetType().GetProperty("HasStraightPath", BindingFlags.NonPublic | BindingFlags.Instance)!;
        Assert.True((bool)straight.GetValue(flow.Process)!); // so that false really runs the straight-line method
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("SubError", instance.Failure!.NodeId);
        Assert.Equal("B_FAILED", instance.Failure.Message);
        Assert.Equal(new[] { "Inner" }, TestFlow.Log(instance));
        Assert.Empty(instance.WaitingAt);
        Assert.True(instance.HasEnded);
        await AssertEndedForGood(flow, instance.ToJson(), "Pack", "B_FAILED");
    }

    /// <summary>After a JSON round trip the instance still has no token and refuses completion and retry, naming the node and why.</summary>
    internal static async Task AssertEndedForGood(TestFlow flow, string json, string nodeId, string reason)
    {
        using (var saved = JsonDocument.Parse(json))
        {
            Assert.Equal(0, saved.RootElement.GetProperty("Tokens").GetArrayLength());
            Assert.Equal(0, saved.RootElement.GetProperty("Scopes").GetArrayLength());
        }

        var resumed = flow.NewProcess().ResumeFromJson(json);
        Assert.Equal(InstanceStatus.Failed, resumed.Status);
        Assert.Empty(resumed.WaitingAt);
        Assert.True(resumed.HasEnded);

        var refused = await Assert.ThrowsAsync<FlowInstanceException>(() => resumed.CompleteAsync(nodeId).AsTask());
        Assert.Equal("FLOW6042", refused.Id);
        Assert.Equal(nodeId, refused.NodeId);
        Assert.Contains(nodeId, refused.Message, StringComparison.Ordinal);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => resumed.RetryAsync().AsTask());
        Assert.Equal(json, resumed.ToJson());
    }
}
