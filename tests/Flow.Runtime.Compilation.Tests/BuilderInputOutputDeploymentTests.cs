using Flow.Bpmn;
using Flow.Bpmn.Model;
using Builder = Flow.Bpmn.Bpmn;

namespace Flow.Runtime.Compilation.Tests;

/// <summary>Typed list and map inputs built with Flow.Bpmn's builder deploy as content, and a task consumes them (issue 16).</summary>
public class BuilderInputOutputDeploymentTests
{
    [Fact]
    public async Task A_built_script_task_consumes_a_typed_list_input_a_nested_list_and_a_map_and_its_outputs_are_written()
    {
        var model = Builder.CreateProcess("quote").Name("Quote")
            .Variable("factor", "int").Variable("total", "int").Variable("count", "int").Variable("label", "string")
            .StartEvent("start")
            .ScriptTask("sum").Name("Sum")
                .CamundaInputParameter("sizes", list: ["${1}", "${2}", "${factor * 10}"], type: "System.Collections.Generic.List<int>")
                .CamundaInputParameter("grid", list: [BpmnParameterValue.List("${1}", "${2}"), BpmnParameterValue.List("${3}")])
                .CamundaInputParameter("labels", map: new Dictionary<string, BpmnParameterValue> { ["a"] = "first", ["b"] = "second" })
                .CamundaOutputParameter("count", "${grid.Count + grid[0].Count}")
                .CamundaOutputParameter("label", "${labels[\"b\"]}")
                .Script("foreach (var size in sizes) { total += size; }")
            .EndEvent("end")
            .Done();
        var host = new ContentHost();

        var deployed = await host.Deployer.DeployAsync("quote", Builder.WriteModel(model)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, deployed.Version);
        Assert.Empty(host.Failed);
        var done = await host.Engine.StartAsync("quote", """{"factor":3}""").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(InstanceStatus.Completed, done.Status);
        var data = System.Text.Json.Nodes.JsonNode.Parse(done.DataJson)!;
        Assert.Equal(33, data["total"]!.GetValue<int>());
        Assert.Equal(4, data["count"]!.GetValue<int>());
        Assert.Equal("second", data["label"]!.GetValue<string>());
    }
}
