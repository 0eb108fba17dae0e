using Flow.Generators.Tests.Infrastructure;

namespace Flow.Generators.Tests.Security;

/// <summary>Roslyn compares hint names ignoring case; a repeated one would lose a class.</summary>
public class HintNameTests
{
    private static string Pool(string id, string name) => $"""
          <bpmn:process id="{id}" name="{name}" isExecutable="true">
            <bpmn:startEvent id="{id}_Start" />
            <bpmn:endEvent id="{id}_End" />
            <bpmn:sequenceFlow id="{id}_F1" sourceRef="{id}_Start" targetRef="{id}_End" />
          </bpmn:process>
        """;

    private static string Definitions(params string[] processes) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"D\" targetNamespace=\"http://example.com/bpmn\">\n"
        + string.Join("\n", processes) + "\n</bpmn:definitions>";

    [Fact]
    public void Two_classes_whose_names_differ_only_in_case_are_both_generated()
    {
        var run = GeneratedCompilation.Run(("/flows.bpmn", Definitions(Pool("p1", "orderflow"), Pool("p2", "orderFlow"))));

        Assert.Equal(2, run.Generated.Count);
        Assert.Equal(2, run.Generated.Select(t => t.FilePath).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.NotNull(run.Output.GetTypeByMetadataName("Flows.Tests.OrderflowProcess"));
        Assert.NotNull(run.Output.GetTypeByMetadataName("Flows.Tests.OrderFlowProcess"));
        Assert.Empty(run.ErrorsInGeneratedCode());
    }

    [Fact]
    public void Two_files_whose_paths_differ_only_in_case_keep_both_classes()
    {
        var run = GeneratedCompilation.Run(
            ("/flows/Order.bpmn", Definitions(Pool("p1", "orderflow"))),
            ("/flows/order.bpmn", Definitions(Pool("p2", "orderFlow"))));

        Assert.NotNull(run.Output.GetTypeByMetadataName("Flows.Tests.OrderflowProcess"));
        Assert.NotNull(run.Output.GetTypeByMetadataName("Flows.Tests.OrderFlowProcess"));
    }

    [Fact]
    public void Hint_names_are_deterministic()
    {
        var text = Definitions(Pool("p1", "orderflow"), Pool("p2", "orderFlow"));
        var first = GeneratedCompilation.Run(("/flows.bpmn", text)).Generated.Select(t => t.FilePath).ToList();
        var second = GeneratedCompilation.Run(("/flows.bpmn", text)).Generated.Select(t => t.FilePath).ToList();

        Assert.Equal(first, second);
    }
}
