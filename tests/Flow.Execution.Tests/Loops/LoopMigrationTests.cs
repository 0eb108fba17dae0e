using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Loops;

/// <summary>Migrating an instance that waits inside a multi-instance: same ids (or a mapping) and the same kind of loop, else a clear refusal naming the node.</summary>
public class LoopMigrationTests
{
    private static string Version(string taskId, string loop, string after = "After") => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="{taskId}">{loop}</bpmn:userTask>
        {Service(after)}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", taskId)}
        {Seq("F2", taskId, after)}
        {Seq("F3", after, "End")}
        """, Variable("n", "int"));

    private const string Parallel = "<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>n</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>";
    private const string Sequential = "<bpmn:multiInstanceLoopCharacteristics isSequential=\"true\"><bpmn:loopCardinality>n</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>";

    private static async Task<string> WaitingWithOneOfThreeDone()
    {
        var v1 = TestFlow.Build(Version("Approve", Parallel), new[] { "After" });
        var instance = await v1.StartAsync(("n", 3));
        await instance.CompleteElementWithJsonAsync("Approve", 1, null);
        return instance.ToJson();
    }

    [Fact]
    public async Task An_instance_inside_a_parallel_multi_instance_moves_by_same_id_and_keeps_its_completed_elements()
    {
        var v2 = TestFlow.Build(Version("Approve", Parallel, after: "Archive"), new[] { "Archive" });

        var moved = v2.NewProcess().ResumeFromJson(InstanceMigration.Map(await WaitingWithOneOfThreeDone(), v2.Process.Definition, null));

        Assert.Equal(new[] { 0, 2 }, moved.WaitingElements("Approve"));
        await moved.CompleteElementWithJsonAsync("Approve", 0, null);
        await moved.CompleteElementWithJsonAsync("Approve", 2, null);
        Assert.Equal(InstanceStatus.Completed, moved.Status);
        Assert.Equal(new[] { "Archive" }, TestFlow.Log(moved));
    }

    [Fact]
    public async Task A_node_mapping_moves_the_multi_instance_to_a_renamed_activity()
    {
        var v2 = TestFlow.Build(Version("Vote", Parallel), new[] { "After" });

        var moved = v2.NewProcess().ResumeFromJson(InstanceMigration.Map(await WaitingWithOneOfThreeDone(), v2.Process.Definition, new Dictionary<string, string> { ["Approve"] = "Vote" }));

        Assert.Equal(new[] { 0, 2 }, moved.WaitingElements("Vote"));
    }

    [Theory]
    [InlineData(Sequential, "a sequential multi-instance")]
    [InlineData("", "no loop")]
    public async Task A_multi_instance_that_would_repeat_differently_is_refused_naming_the_node(string loop, string what)
    {
        var v2 = TestFlow.Build(Version("Approve", loop), new[] { "After" });
        var json = await WaitingWithOneOfThreeDone();

        var refused = Assert.Throws<InvalidOperationException>(() => InstanceMigration.Map(json, v2.Process.Definition, null));

        Assert.Contains("parallel multi-instance 'Approve' (1 done)", refused.Message);
        Assert.Contains("has " + what, refused.Message);
    }

    [Fact]
    public async Task A_plain_wait_state_cannot_be_moved_into_a_multi_instance()
    {
        var v1 = TestFlow.Build(Version("Approve", ""), new[] { "After" });
        var v2 = TestFlow.Build(Version("Approve", Parallel), new[] { "After" });
        var waiting = await v1.StartAsync(("n", 2));

        var refused = Assert.Throws<InvalidOperationException>(() => InstanceMigration.Map(waiting.ToJson(), v2.Process.Definition, null));

        Assert.Contains("'Approve'", refused.Message);
        Assert.Contains("parallel multi-instance", refused.Message);
    }
}
