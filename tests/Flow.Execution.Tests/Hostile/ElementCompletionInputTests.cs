using System.Text;
using Flow.Engine;
using Flow.Execution.Tests.Deployment;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Hostile;

/// <summary>
/// Completing one element of a parallel multi-instance wait state from outside, by instance id, with
/// the outputs as text or UTF-8 bytes: hostile outputs are FLOW6040 naming the node, the element and
/// the instance, and the stored instance is unchanged.
/// </summary>
public sealed class ElementCompletionInputTests : IDisposable
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="signing" name="Signing" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="n" type="int" />
              <flow:variable name="signed" type="int" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Sign">
              <bpmn:extensionElements><flow:output name="signed" type="int" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics isSequential="false"><bpmn:loopCardinality>n</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Sign" />
            <bpmn:sequenceFlow id="F2" sourceRef="Sign" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/signing.bpmn", Bpmn) }, Array.Empty<string>()));

    private readonly DeploymentFixture _fx = new();

    private async Task<string> StartedAsync()
    {
        await _fx.DeployAsync(_fx.Write(1, Assembly.Value));
        return (await _fx.Engine.StartAsync("signing", """{"n": 2}""")).Id;
    }

    [Fact]
    public async Task Elements_complete_from_bytes_and_from_text_in_any_order()
    {
        var id = await StartedAsync();

        var first = await _fx.Engine.CompleteElementAsync(id, "Sign", 1, """{"signed": 1}"""u8.ToArray().AsMemory());
        Assert.Equal(new[] { "Sign" }, first.WaitingAt);
        var done = await _fx.Engine.CompleteElementAsync(id, "Sign", 0, """{"signed": 2}""");

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"signed\":2", done.DataJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deep", "{\"signed\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "maximum configured depth of 64")]
    [InlineData("array", "[1]", "must be a JSON object")]
    [InlineData("trailing", "{\"signed\": 1} {}", "is invalid after a single JSON value")]
    [InlineData("twice", "{\"signed\": 1, \"signed\": 2}", "'signed' is given twice")]
    [InlineData("huge", "{\"signed\": 1e400}", "is not a System.Int32")]
    public async Task Refused_element_outputs_are_FLOW6040_naming_node_element_and_instance_in_both_forms(string what, string json, string cause)
    {
        Assert.NotNull(what);
        var id = await StartedAsync();
        var before = (await _fx.Store.LoadAsync(id))!;

        foreach (var complete in new Func<Task>[]
        {
            () => _fx.Engine.CompleteElementAsync(id, "Sign", 1, json),
            () => _fx.Engine.CompleteElementAsync(id, "Sign", 1, Encoding.UTF8.GetBytes(json).AsMemory()),
        })
        {
            var refused = await Assert.ThrowsAsync<FlowInstanceException>(complete);
            Assert.Equal("FLOW6040", refused.Id);
            Assert.StartsWith($"FLOW6040: Completing element 1 of 'Sign' of instance {id}: ", refused.Message, StringComparison.Ordinal);
            Assert.True(refused.Message.Contains(cause, StringComparison.Ordinal), refused.Message);
            Assert.EndsWith("Nothing was changed.", refused.Message, StringComparison.Ordinal);
        }

        var after = (await _fx.Store.LoadAsync(id))!;
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(before.StateJson, after.StateJson);
    }

    [Fact]
    public async Task Blank_bytes_and_JSON_null_complete_an_element_without_output()
    {
        var id = await StartedAsync();

        await _fx.Engine.CompleteElementAsync(id, "Sign", 0, " \n"u8.ToArray().AsMemory());
        var done = await _fx.Engine.CompleteElementAsync(id, "Sign", 1, "null"u8.ToArray().AsMemory());

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"signed\":0", done.DataJson, StringComparison.Ordinal);
    }

    public void Dispose() => _fx.Dispose();
}
