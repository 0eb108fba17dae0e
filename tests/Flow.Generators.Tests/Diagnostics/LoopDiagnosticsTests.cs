using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Loop and multi-instance characteristics that cannot run, each located where it is written.</summary>
public class LoopDiagnosticsTests
{
    /// <summary>start → user task with <paramref name="loop"/> → end, with data members items (List&lt;int&gt;), count (long), name (string), results (List&lt;string&gt;).</summary>
    private static string WithLoop(string loop, string task = "userTask") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1">
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="items" type="System.Collections.Generic.List&lt;int&gt;" />
              <flow:variable name="count" type="long" />
              <flow:variable name="name" type="string" />
              <flow:variable name="results" type="System.Collections.Generic.List&lt;string&gt;" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:{task} id="Work">
              {loop}
            </bpmn:{task}>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
            <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public Task A_well_formed_multi_instance_and_standard_loop_compile_clean()
    {
        var text = WithLoop("""<bpmn:multiInstanceLoopCharacteristics camunda:collection="${items}" camunda:elementVariable="item" flow:outputCollection="results" flow:outputElement="${item.ToString()}"><bpmn:completionCondition>${item &gt; 2}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>""");
        return GeneratorTest.VerifyAsync(text);
    }

    [Fact]
    [Fires("FLOW1230")]
    public Task A_multi_instance_without_a_count()
    {
        var text = WithLoop("""<bpmn:multiInstanceLoopCharacteristics isSequential="true" />""");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1230", text, "<bpmn:multiInstanceLoopCharacteristics isSequential").WithArguments("Work"));
    }

    [Fact]
    [Fires("FLOW1231")]
    public Task An_element_variable_named_like_a_data_member()
    {
        var text = WithLoop("""<bpmn:multiInstanceLoopCharacteristics camunda:collection="items" camunda:elementVariable="name" />""");
        return GeneratorTest.VerifyAsync(text, AtValue("FLOW1231", text, "name\" />", 4).WithArguments("name", "Work"));
    }

    [Fact]
    [Fires("FLOW1232")]
    public Task A_collection_that_is_a_scalar_data_member()
    {
        var text = WithLoop("""<bpmn:multiInstanceLoopCharacteristics camunda:collection="${count}" />""");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1232", text, "${count}").WithArguments("count", "Work", "long"));
    }

    [Fact]
    [Fires("FLOW1233")]
    public Task An_element_variable_over_a_collection_of_unknown_element_type()
    {
        var text = WithLoop("""<bpmn:multiInstanceLoopCharacteristics camunda:collection="${items.Where(i =&gt; i &gt; 0)}" camunda:elementVariable="item" />""");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1233", text, "${items.Where(i =&gt; i &gt; 0)}").WithArguments("items.Where(i => i > 0)", "Work"));
    }

    [Fact]
    [Fires("FLOW1234")]
    public Task A_cardinality_that_is_a_long_data_member()
    {
        var text = WithLoop("""<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${count}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>""");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1234", text, "${count}").WithArguments("count", "Work", "data member 'count' is a long"));
    }

    [Fact]
    [Fires("FLOW1235")]
    public Task A_loop_maximum_that_is_not_a_number()
    {
        var text = WithLoop("""<bpmn:standardLoopCharacteristics loopMaximum="three" />""");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1235", text, "<bpmn:standardLoopCharacteristics loopMaximum").WithArguments("three", "Work"));
    }

    [Fact]
    [Fires("FLOW1236")]
    public Task An_output_collection_without_an_output_element()
    {
        var text = WithLoop("""<bpmn:multiInstanceLoopCharacteristics camunda:collection="${items}" flow:outputCollection="results" />""");
        return GeneratorTest.VerifyAsync(text, AtValue("FLOW1236", text, "results\" />", 7).WithArguments("Work", "has flow:outputCollection but no flow:outputElement"));
    }

    [Fact]
    [Fires("FLOW1237")]
    public Task A_standard_loop_that_never_ends()
    {
        var text = WithLoop("""<bpmn:standardLoopCharacteristics testBefore="true" />""");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1237", text, "<bpmn:standardLoopCharacteristics testBefore").WithArguments("Work"));
    }

    [Fact]
    [Fires("FLOW3220")]
    public Task An_element_variable_that_is_not_an_identifier()
    {
        var text = WithLoop("""<bpmn:multiInstanceLoopCharacteristics camunda:collection="${items}" camunda:elementVariable="the item" />""");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW3220", text, "the item").WithArguments("the item", "Work"));
    }

    /// <summary>The diagnostic on the first <paramref name="length"/> characters of the only occurrence of <paramref name="needle"/>.</summary>
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult AtValue(string id, string text, string needle, int length)
    {
        var (line, column) = Find(text, needle);
        return new Microsoft.CodeAnalysis.Testing.DiagnosticResult(id, FlowDiagnosticDescriptors.Get(id).DefaultSeverity).WithSpan(FilePath, line, column, line, column + length);
    }
}
