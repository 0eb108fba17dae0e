using System.Text.Json.Nodes;

namespace Flow.Runtime.Compilation.Tests;

/// <summary>
/// A diagram means the same as content as it does in a build: types and scripts written as a
/// project with the SDK's implicit usings reads them (<c>List&lt;string&gt;</c>, LINQ) compile
/// without namespaces spelled out.
/// </summary>
public class ContentImplicitUsingsTests
{
    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="basket" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="items" type="List&lt;string&gt;" />
              <flow:variable name="longest" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:scriptTask id="Task_Longest" scriptFormat="csharp">
              <bpmn:script>longest = items.OrderByDescending(i =&gt; i.Length).First();</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Longest" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Longest" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_diagram_with_a_generic_collection_type_and_LINQ_compiles_as_content_as_it_does_in_a_build()
    {
        var host = new ContentHost();
        var version = await host.Deployer.DeployAsync("basket", Diagram).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(1, version.Version);

        var started = await host.Engine.StartAsync("basket", """{"items":["pen","notebook","cup"]}""").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(InstanceStatus.Completed, started.Status);
        Assert.Equal("notebook", JsonNode.Parse(started.DataJson)!["longest"]!.GetValue<string>());
    }
}
