using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Loops;

/// <summary>Loops on receive tasks: each message completes one element; a plain wait moved onto a looped scope is refused.</summary>
public class LoopedReceiveTaskTests
{
    private static string Receive(string loop) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:receiveTask id="Collect" messageRef="Msg">{loop}</bpmn:receiveTask>
        {Service("After")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Collect")}
        {Seq("F2", "Collect", "After")}
        {Seq("F3", "After", "End")}
        """, Variable("n", "int")).Replace("<bpmn:process ", "<bpmn:message id=\"Msg\" name=\"part\" /><bpmn:process ", StringComparison.Ordinal);

    [Theory]
    [InlineData("false")]
    [InlineData("true")]
    public async Task Each_message_completes_one_element_and_the_last_one_moves_on(string sequential)
    {
        var flow = TestFlow.Build(Receive($"<bpmn:multiInstanceLoopCharacteristics isSequential=\"{sequential}\"><bpmn:loopCardinality>n</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>"), new[] { "After" });
        var instance = await flow.StartAsync(("n", 3));

        await instance.CorrelateWithJsonAsync("part", null, null);
        await instance.CorrelateWithJsonAsync("part", null, null);
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { 2 }, instance.WaitingElements("Collect"));
        await instance.CorrelateWithJsonAsync("part", null, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "After" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_sub_process_waiting_without_a_loop_is_not_moved_onto_one_that_loops()
    {
        static string Version(string loop) => Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Work">{loop}
                  <bpmn:startEvent id="IS" />
                  <bpmn:userTask id="Wait" />
                  <bpmn:endEvent id="IE" />
                  {Seq("I1", "IS", "Wait")}
                  {Seq("I2", "Wait", "IE")}
                </bpmn:subProcess>
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Work")}
            {Seq("F2", "Work", "End")}
            """);
        var v1 = TestFlow.Build(Version(""), Array.Empty<string>());
        var json = (await v1.StartAsync()).ToJson();
        var v2 = TestFlow.Build(Version("<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>"), Array.Empty<string>());

        var refused = Assert.Throws<InvalidOperationException>(() => InstanceMigration.Map(json, v2.Process.Definition, null));

        Assert.Contains("'Work'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("parallel multi-instance", refused.Message, StringComparison.Ordinal);
    }
}
