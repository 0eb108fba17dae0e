using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// Data the engine read itself from the caller's JSON is kept by the in-memory store without a copy
/// as long as no handler, condition, script, expression or output was given it (issue 11: one
/// object copy fewer per start); once any code outside the engine had it, the store keeps a copy,
/// so nothing that code does later reaches the stored instance.
/// </summary>
public class OwnDataTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly Lazy<TestFlow> Plain = new(() => TestFlow.Build(Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Review")}
        {Seq("F2", "Review", "End")}
        """), Array.Empty<string>()));

    private static readonly Lazy<TestFlow> WithHandler = new(() => TestFlow.Build(Process($"""
            <bpmn:startEvent id="Start" />
        {Service("Work")}
            <bpmn:userTask id="Review" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Work")}
        {Seq("F2", "Work", "Review")}
        {Seq("F3", "Review", "End")}
        """), new[] { "Work" }));

    private static readonly Lazy<TestFlow> WithCondition = new(() => TestFlow.Build(Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="Choose" default="Other" />
            <bpmn:userTask id="Review" />
            <bpmn:userTask id="Elsewhere" />
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="End2" />
        {Seq("F1", "Start", "Choose")}
        {Seq("F2", "Review", "End")}
        {Seq("F3", "Elsewhere", "End2")}
        {Seq("Main", "Choose", "Review", "amount &gt; 10")}
        {Seq("Other", "Choose", "Elsewhere")}
        """, Variable("amount", "int")), Array.Empty<string>()));

    private static async Task<(IFlowInstance Instance, object Data)> StartOwnAsync(TestFlow flow, string json)
    {
        var data = flow.Process.DataFromJson(json);
        var instance = await ((IStartsWithOwnData)flow.Process).StartWithOwnDataAsync(data, CancellationToken.None).AsTask().WaitAsync(Timeout);
        return (instance, data);
    }

    private static object KeptData(IFlowInstance instance)
    {
        ((IFreezesState)instance).Freeze();
        return DataOf(instance);
    }

    // The state's data as the engine reads it (reading Data would count as handing it out).
    private static object DataOf(IFlowInstance instance)
    {
        var state = instance.GetType().GetProperty("State")!.GetValue(instance)!;
        return state.GetType().GetProperty("DataInEngine", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(state)!;
    }

    [Fact]
    public async Task Data_the_engine_read_and_handed_to_no_code_is_kept_without_a_copy()
    {
        var (instance, data) = await StartOwnAsync(Plain.Value, """{"log": ["a"]}""");

        Assert.Same(data, KeptData(instance));
    }

    [Fact]
    public async Task Data_the_caller_passed_is_copied_when_kept()
    {
        var data = Plain.Value.NewData();
        var instance = await Plain.Value.Process.StartAsync(data).AsTask().WaitAsync(Timeout);

        Assert.NotSame(data, KeptData(instance));
    }

    [Fact]
    public async Task Data_a_handler_was_given_is_copied_when_kept()
    {
        var (instance, data) = await StartOwnAsync(WithHandler.Value, """{"log": []}""");

        var kept = KeptData(instance);
        Assert.NotSame(data, kept);
        Assert.Equal(new[] { "Work" }, (List<string>)kept.GetType().GetProperty("log")!.GetValue(kept)!);
    }

    [Fact]
    public async Task Data_a_condition_was_given_is_copied_when_kept()
    {
        var (instance, data) = await StartOwnAsync(WithCondition.Value, """{"amount": 20}""");

        Assert.Equal(new[] { "Review" }, instance.WaitingAt);
        Assert.NotSame(data, KeptData(instance));
    }

    [Fact]
    public async Task Data_read_through_the_instance_is_copied_when_kept()
    {
        var (instance, data) = await StartOwnAsync(Plain.Value, "{}");

        Assert.Same(data, instance.Data);
        Assert.NotSame(data, KeptData(instance));
    }
}
