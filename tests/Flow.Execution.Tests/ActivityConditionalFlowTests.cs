using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// Conditional and default sequence flows out of activities (issue 13): an implicit inclusive
/// split, as BPMN and Camunda run it (was FLOW4005).
/// </summary>
public class ActivityConditionalFlowTests
{
    /// <summary>Check (a service task) leaves by every flow whose condition holds, else by its default.</summary>
    private static readonly string Split = Process($"""
            <bpmn:startEvent id="Start" />
        {Service("Check")}
        {Service("Small")}
        {Service("Large")}
        {Service("Nothing")}
            <bpmn:endEvent id="End1" />
            <bpmn:endEvent id="End2" />
            <bpmn:endEvent id="End3" />
        {Seq("F1", "Start", "Check")}
        {Seq("ToSmall", "Check", "Small", "value &gt; 0")}
        {Seq("ToLarge", "Check", "Large", "value &gt; 100")}
        {Seq("ToNothing", "Check", "Nothing")}
        {Seq("S", "Small", "End1")}
        {Seq("L", "Large", "End2")}
        {Seq("N", "Nothing", "End3")}
        """, Variable("value", "int")).Replace("<bpmn:serviceTask id=\"Check\"", "<bpmn:serviceTask id=\"Check\" default=\"ToNothing\"", StringComparison.Ordinal);

    private static TestFlow Build() => TestFlow.Build(Split, new[] { "Check", "Small", "Large", "Nothing" });

    [Theory]
    [InlineData(5, new[] { "Check", "Small" })]
    [InlineData(500, new[] { "Check", "Small", "Large" })]
    [InlineData(-1, new[] { "Check", "Nothing" })]
    public async Task Every_flow_whose_condition_holds_is_taken_else_the_default(int value, string[] expected)
    {
        var instance = await Build().StartAsync(("value", value));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(expected, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_user_task_chooses_its_flows_after_completion()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:userTask id="Review"><bpmn:extensionElements><flow:output name="value" type="int" /></bpmn:extensionElements></bpmn:userTask>
            {Service("Small")}
            {Service("Nothing")}
                <bpmn:endEvent id="End1" />
                <bpmn:endEvent id="End2" />
            {Seq("F1", "Start", "Review")}
            {Seq("ToSmall", "Review", "Small", "value &gt; 0")}
            {Seq("ToNothing", "Review", "Nothing")}
            {Seq("S", "Small", "End1")}
            {Seq("N", "Nothing", "End2")}
            """, Variable("value", "int")).Replace("<bpmn:userTask id=\"Review\"", "<bpmn:userTask id=\"Review\" default=\"ToNothing\"", StringComparison.Ordinal);
        var flow = TestFlow.Build(bpmn, new[] { "Small", "Nothing" });
        var instance = await flow.StartAsync();

        await instance.CompleteWithJsonAsync("Review", """{"value": 3}""");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Small" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task No_condition_holding_and_no_default_fails_the_instance_at_the_activity()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
            {Service("Check")}
            {Service("Small")}
                <bpmn:endEvent id="End1" />
            {Seq("F1", "Start", "Check")}
            {Seq("ToSmall", "Check", "Small", "value &gt; 0")}
            {Seq("S", "Small", "End1")}
            """, Variable("value", "int"));
        var instance = await TestFlow.Build(bpmn, new[] { "Check", "Small" }).StartAsync(("value", 0));

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Check", instance.Failure!.NodeId);
        Assert.Equal(new[] { "Check" }, TestFlow.Log(instance));
    }
}
