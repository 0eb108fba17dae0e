using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Loops;

/// <summary>Standard loops: the body runs again while loopCondition holds, checked before (testBefore) or after each run, at most loopMaximum times.</summary>
public class StandardLoopTests
{
    private static string Retry(bool testBefore, string condition, string maximum = "") => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:scriptTask id="Try" scriptFormat="csharp">
              <bpmn:standardLoopCharacteristics testBefore="{(testBefore ? "true" : "false")}" {maximum}>{condition}</bpmn:standardLoopCharacteristics>
              <bpmn:script>attempts++; log.Add("try" + loopCounter);</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Try")}
        {Seq("F2", "Try", "End")}
        """, Variable("attempts", "int") + Variable("limit", "int"));

    private const string WhileBelowLimit = "<bpmn:loopCondition>attempts &lt; limit</bpmn:loopCondition>";

    [Theory]
    [InlineData(true, 0, new string[0])]
    [InlineData(false, 0, new[] { "try0" })]
    [InlineData(true, 2, new[] { "try0", "try1" })]
    [InlineData(false, 2, new[] { "try0", "try1" })]
    public async Task TestBefore_decides_whether_the_condition_is_checked_before_the_first_run(bool testBefore, int limit, string[] expected)
    {
        var flow = TestFlow.Build(Retry(testBefore, WhileBelowLimit), Array.Empty<string>());

        var instance = await flow.StartAsync(("limit", limit));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(expected, TestFlow.Log(instance));
    }

    [Fact]
    public async Task LoopMaximum_stops_a_loop_whose_condition_still_holds()
    {
        var flow = TestFlow.Build(Retry(testBefore: false, WhileBelowLimit, "loopMaximum=\"3\""), Array.Empty<string>());

        var instance = await flow.StartAsync(("limit", 100));

        Assert.Equal(new[] { "try0", "try1", "try2" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_loop_maximum_without_condition_runs_exactly_that_often_and_zero_passes_the_activity()
    {
        var three = TestFlow.Build(Retry(testBefore: false, "", "loopMaximum=\"3\""), Array.Empty<string>());
        var zero = TestFlow.Build(Retry(testBefore: false, "", "loopMaximum=\"0\""), Array.Empty<string>());

        Assert.Equal(3, TestFlow.Log(await three.StartAsync()).Count);
        Assert.Empty(TestFlow.Log(await zero.StartAsync()));
    }

    [Fact]
    public async Task A_loop_whose_condition_never_fails_stops_at_the_step_limit()
    {
        var flow = TestFlow.Build(Retry(testBefore: false, "<bpmn:loopCondition>true</bpmn:loopCondition>"), Array.Empty<string>());

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal(FailureState.StepLimit, instance.Failure!.Kind);
    }

    [Fact]
    public async Task A_looping_user_task_waits_once_per_iteration_until_its_condition_fails()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:userTask id="Fix">
                  <bpmn:extensionElements><flow:output name="ok" type="bool" /></bpmn:extensionElements>
                  <bpmn:standardLoopCharacteristics loopMaximum="5"><bpmn:loopCondition>!ok</bpmn:loopCondition></bpmn:standardLoopCharacteristics>
                </bpmn:userTask>
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Fix")}
            {Seq("F2", "Fix", "End")}
            """, Variable("ok", "bool"));
        var flow = TestFlow.Build(bpmn, Array.Empty<string>());
        var instance = await flow.StartAsync();

        await instance.CompleteWithJsonAsync("Fix", "{\"ok\": false}");
        Assert.Equal(new[] { 1 }, instance.WaitingElements("Fix"));
        instance = flow.NewProcess().ResumeFromJson(instance.ToJson());
        await instance.CompleteWithJsonAsync("Fix", "{\"ok\": true}");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Fix", "Fix", "End" }, instance.Trace);
    }
}
