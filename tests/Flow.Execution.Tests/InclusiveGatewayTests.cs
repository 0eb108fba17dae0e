using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>Inclusive fork and synchronising join: it waits for exactly the branches that were taken.</summary>
public class InclusiveGatewayTests
{
    private static readonly string Options = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:inclusiveGateway id="Extras" default="None" />
        {Service("Wrap")}
        {Service("Insure")}
            <bpmn:userTask id="Engrave" />
        {Service("Plain")}
            <bpmn:inclusiveGateway id="Together" />
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Extras")}
        {Seq("W", "Extras", "Wrap", "gift")}
        {Seq("I", "Extras", "Insure", "value &gt; 100")}
        {Seq("E", "Extras", "Engrave", "engrave")}
        {Seq("None", "Extras", "Plain")}
        {Seq("W2", "Wrap", "Together")}
        {Seq("I2", "Insure", "Together")}
        {Seq("E2", "Engrave", "Together")}
        {Seq("P2", "Plain", "Together")}
        {Seq("F9", "Together", "Ship")}
        {Seq("F10", "Ship", "End")}
        """, Variable("gift", "bool") + Variable("value", "int") + Variable("engrave", "bool"));

    private static TestFlow Build() => TestFlow.Build(Options, new[] { "Wrap", "Insure", "Plain", "Ship" });

    [Fact]
    public async Task One_branch_taken_the_join_passes_at_once()
    {
        var instance = await Build().StartAsync(("gift", true), ("value", 10));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Wrap", "Ship" }, TestFlow.Log(instance));
        Assert.Equal(1, instance.Trace.Count(n => n == "Together"));
    }

    [Fact]
    public async Task Some_branches_taken_the_join_waits_for_those_only()
    {
        var instance = await Build().StartAsync(("gift", true), ("value", 500));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Wrap", "Insure", "Ship" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Start", "Extras", "Wrap", "Insure", "Together", "Ship", "End" }, instance.Trace);
    }

    [Fact]
    public async Task All_branches_taken_the_join_waits_for_the_wait_state_too()
    {
        var instance = await Build().StartAsync(("gift", true), ("value", 500), ("engrave", true));

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "Engrave" }, instance.WaitingAt);
        Assert.Equal(new[] { "Wrap", "Insure" }, TestFlow.Log(instance));

        await instance.CompleteAsync("Engrave");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Wrap", "Insure", "Ship" }, TestFlow.Log(instance));
        Assert.Equal(1, instance.Trace.Count(n => n == "Together"));
    }

    [Fact]
    public async Task No_condition_true_takes_the_default_branch()
    {
        var instance = await Build().StartAsync(("value", 1));

        Assert.Equal(new[] { "Plain", "Ship" }, TestFlow.Log(instance));
    }
}
