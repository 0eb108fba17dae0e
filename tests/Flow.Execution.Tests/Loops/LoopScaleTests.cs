using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Loops;

/// <summary>A parallel multi-instance keeps one token and a bit per element, never a token per element.</summary>
public class LoopScaleTests
{
    private static readonly string Wide = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Confirm">
              <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>n</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Confirm")}
        {Seq("F2", "Confirm", "End")}
        """, Variable("n", "int"));

    [Fact]
    public async Task The_saved_state_of_a_parallel_multi_instance_grows_by_less_than_half_a_byte_per_element()
    {
        var flow = TestFlow.Build(Wide, Array.Empty<string>());
        var small = await flow.StartAsync(("n", 8));
        var wide = await flow.StartAsync(("n", 10_000));
        await small.CompleteElementWithJsonAsync("Confirm", 3, null);
        for (var i = 0; i < 5_000; i++)
        {
            await wide.CompleteElementWithJsonAsync("Confirm", 2 * i, null);
        }

        var perElement = (wide.ToJson().Length - small.ToJson().Length) / (double)(10_000 - 8);

        Assert.Equal(5_000, wide.WaitingElements("Confirm").Count);
        Assert.Equal(new[] { "Confirm" }, wide.WaitingAt);
        Assert.True(perElement < 0.5, $"{perElement:0.00} bytes per element");
    }
}
