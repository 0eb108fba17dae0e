using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Pipeline;

/// <summary>
/// Generated code depends only on what affects behaviour: moving a shape in the modeller (an
/// edit of the diagram interchange only) leaves the generated source as it was, so the IDE
/// recompiles nothing and the deployment does not change.
/// </summary>
public class LayoutIncrementalityTests
{
    private static string WithShape(int x) => Process(StraightLine).Replace("</bpmn:definitions>", $"""
          <bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="Diagram">
            <bpmndi:BPMNPlane id="Plane" bpmnElement="order">
              <bpmndi:BPMNShape id="Work_di" bpmnElement="Work"><dc:Bounds x="{x}" y="80" width="100" height="80" /></bpmndi:BPMNShape>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """, StringComparison.Ordinal);

    private const string Handler =
        "namespace Flows.Tests { public partial class OrderProcess { private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) => default; } }";

    [Fact]
    public void Moving_a_shape_leaves_the_generated_source_unchanged()
    {
        var file = new InMemoryAdditionalText("/flows/order.bpmn", WithShape(150));
        var compilation = DriverHarness.Compilation(Handler);
        var driver = DriverHarness.Driver(new[] { file }).RunGenerators(compilation);
        var before = driver.GetRunResult().GeneratedTrees.Single().ToString();

        driver = driver.ReplaceAdditionalText(file, new InMemoryAdditionalText("/flows/order.bpmn", WithShape(1250))).RunGenerators(compilation);

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(DriverHarness.Reasons(driver, FlowGeneratorStepNames.Files)));
        Assert.Contains(Assert.Single(DriverHarness.Reasons(driver, FlowGeneratorStepNames.Sources)), new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached });
        Assert.Equal(before, driver.GetRunResult().GeneratedTrees.Single().ToString());
    }

    [Fact]
    public void A_change_outside_the_layout_still_regenerates_the_source()
    {
        var file = new InMemoryAdditionalText("/flows/order.bpmn", WithShape(150));
        var compilation = DriverHarness.Compilation(Handler);
        var driver = DriverHarness.Driver(new[] { file }).RunGenerators(compilation);
        var before = driver.GetRunResult().GeneratedTrees.Single().ToString();

        // A documentation text changes no node, flow or name, but it is not layout: the hash follows it.
        var edited = WithShape(150).Replace("<bpmn:startEvent id=\"Start\" />", "<bpmn:startEvent id=\"Start\"><bpmn:documentation>new</bpmn:documentation></bpmn:startEvent>", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(file, new InMemoryAdditionalText("/flows/order.bpmn", edited)).RunGenerators(compilation);

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(DriverHarness.Reasons(driver, FlowGeneratorStepNames.Sources)));
        Assert.NotEqual(before, driver.GetRunResult().GeneratedTrees.Single().ToString());
    }
}
