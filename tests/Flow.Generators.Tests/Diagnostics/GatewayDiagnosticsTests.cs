using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

public class GatewayDiagnosticsTests
{
    /// <summary>start → split → (A | B) → merge → end, with the given split flows (the merge of the same kind unless given).</summary>
    private static string Choice(string kind, string flowA, string flowB, string splitAttributes = "", string? mergeKind = null) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:{kind} id="Split"{splitAttributes} />
            <bpmn:task id="A" />
            <bpmn:task id="B" />
            <bpmn:{mergeKind ?? kind} id="Merge" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Split" />
            {flowA}
            {flowB}
            <bpmn:sequenceFlow id="FA2" sourceRef="A" targetRef="Merge" />
            <bpmn:sequenceFlow id="FB2" sourceRef="B" targetRef="Merge" />
            <bpmn:sequenceFlow id="F9" sourceRef="Merge" targetRef="End" />
        """);

    private static string Conditional(string id, string target, string condition) =>
        $"""<bpmn:sequenceFlow id="{id}" sourceRef="Split" targetRef="{target}"><bpmn:conditionExpression>{condition}</bpmn:conditionExpression></bpmn:sequenceFlow>""";

    private static string Plain(string id, string target) => $"""<bpmn:sequenceFlow id="{id}" sourceRef="Split" targetRef="{target}" />""";

    [Fact]
    public Task An_exclusive_split_with_a_default_flow_is_clean() =>
        GeneratorTest.VerifyAsync(Choice("exclusiveGateway", Conditional("FA", "A", "${amount > 1000}"), Plain("FB", "B"), " default=\"FB\""));

    [Theory]
    [InlineData("${amount > 1000}", "${amount &lt;= 1000}")]
    [InlineData("amount gt 1000", "amount le 1000")]
    [InlineData("#{approved}", "#{!approved}")]
    [InlineData("${approved}", "${not approved}")]
    public Task Complementary_conditions_need_no_default(string a, string b) =>
        GeneratorTest.VerifyAsync(Choice("exclusiveGateway", Conditional("FA", "A", a), Conditional("FB", "B", b)));

    [Fact]
    [Fires("FLOW2001")]
    public Task An_unconditional_flow_out_of_an_exclusive_split()
    {
        var text = Choice("exclusiveGateway", Conditional("FA", "A", "${amount > 1000}"), Plain("FB", "B"));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2001", text, "<bpmn:sequenceFlow id=\"FB\""));
    }

    [Fact]
    [Fires("FLOW2002")]
    public Task An_exclusive_split_whose_conditions_may_all_be_false()
    {
        var text = Choice("exclusiveGateway", Conditional("FA", "A", "${amount > 1000}"), Conditional("FB", "B", "${amount &lt; 100}"));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2002", text, "<bpmn:exclusiveGateway id=\"Split\""));
    }

    [Fact]
    public Task An_inclusive_split_whose_conditions_may_all_be_false()
    {
        var text = Choice("inclusiveGateway", Conditional("FA", "A", "${amount > 1000}"), Conditional("FB", "B", "${rush}"));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2002", text, "<bpmn:inclusiveGateway id=\"Split\""));
    }

    [Fact]
    [Fires("FLOW2003")]
    public Task A_condition_on_a_flow_out_of_a_parallel_gateway()
    {
        var text = Choice("parallelGateway", Conditional("FA", "A", "${amount > 1000}"), Plain("FB", "B"));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2003", text, "<bpmn:sequenceFlow id=\"FA\""));
    }

    [Fact]
    [Fires("FLOW2004")]
    public Task A_parallel_join_after_an_exclusive_choice_deadlocks()
    {
        var text = Choice("exclusiveGateway", Conditional("FA", "A", "${amount > 1000}"), Plain("FB", "B"), " default=\"FB\"", mergeKind: "parallelGateway");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2004", text, "<bpmn:parallelGateway id=\"Merge\"").WithArguments("Merge", "Split"));
    }

    [Fact]
    public Task A_parallel_fork_and_join_after_a_merged_choice_is_clean()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:exclusiveGateway id="Split" default="FB" />
                <bpmn:task id="A" />
                <bpmn:task id="B" />
                <bpmn:exclusiveGateway id="Merge" />
                <bpmn:parallelGateway id="Fork" />
                <bpmn:task id="C" />
                <bpmn:task id="D" />
                <bpmn:parallelGateway id="Join" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Split" />
                <bpmn:sequenceFlow id="FA" sourceRef="Split" targetRef="A"><bpmn:conditionExpression>${amount > 1000}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="FB" sourceRef="Split" targetRef="B" />
                <bpmn:sequenceFlow id="FA2" sourceRef="A" targetRef="Merge" />
                <bpmn:sequenceFlow id="FB2" sourceRef="B" targetRef="Merge" />
                <bpmn:sequenceFlow id="F3" sourceRef="Merge" targetRef="Fork" />
                <bpmn:sequenceFlow id="F4" sourceRef="Fork" targetRef="C" />
                <bpmn:sequenceFlow id="F5" sourceRef="Fork" targetRef="D" />
                <bpmn:sequenceFlow id="F6" sourceRef="C" targetRef="Join" />
                <bpmn:sequenceFlow id="F7" sourceRef="D" targetRef="Join" />
                <bpmn:sequenceFlow id="F9" sourceRef="Join" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(text);
    }

    [Fact]
    public Task A_choice_that_either_forks_into_the_join_or_ends_is_clean()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:exclusiveGateway id="Split" default="FB" />
                <bpmn:parallelGateway id="Fork" />
                <bpmn:task id="C" />
                <bpmn:task id="D" />
                <bpmn:parallelGateway id="Join" />
                <bpmn:endEvent id="End" />
                <bpmn:endEvent id="Cancelled" />
                <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Split" />
                <bpmn:sequenceFlow id="FA" sourceRef="Split" targetRef="Fork"><bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="FB" sourceRef="Split" targetRef="Cancelled" />
                <bpmn:sequenceFlow id="F4" sourceRef="Fork" targetRef="C" />
                <bpmn:sequenceFlow id="F5" sourceRef="Fork" targetRef="D" />
                <bpmn:sequenceFlow id="F6" sourceRef="C" targetRef="Join" />
                <bpmn:sequenceFlow id="F7" sourceRef="D" targetRef="Join" />
                <bpmn:sequenceFlow id="F9" sourceRef="Join" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(text);
    }

    [Fact]
    [Fires("FLOW2005")]
    [Fires("FLOW2006")]
    public Task Implicit_split_and_join_on_tasks()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:task id="Fan" />
                <bpmn:task id="A" />
                <bpmn:task id="B" />
                <bpmn:task id="Collect" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Fan" />
                <bpmn:sequenceFlow id="F1" sourceRef="Fan" targetRef="A" />
                <bpmn:sequenceFlow id="F2" sourceRef="Fan" targetRef="B" />
                <bpmn:sequenceFlow id="F3" sourceRef="A" targetRef="Collect" />
                <bpmn:sequenceFlow id="F4" sourceRef="B" targetRef="Collect" />
                <bpmn:sequenceFlow id="F5" sourceRef="Collect" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW2005", text, "<bpmn:task id=\"Fan\""),
            AtElement("FLOW2006", text, "<bpmn:task id=\"Collect\""));
    }

    [Fact]
    [Fires("FLOW2007")]
    public Task A_gateway_that_joins_and_forks()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:parallelGateway id="Fork" />
                <bpmn:task id="A" />
                <bpmn:task id="B" />
                <bpmn:parallelGateway id="Both" />
                <bpmn:task id="C" />
                <bpmn:task id="D" />
                <bpmn:parallelGateway id="Join" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Fork" />
                <bpmn:sequenceFlow id="F1" sourceRef="Fork" targetRef="A" />
                <bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="B" />
                <bpmn:sequenceFlow id="F3" sourceRef="A" targetRef="Both" />
                <bpmn:sequenceFlow id="F4" sourceRef="B" targetRef="Both" />
                <bpmn:sequenceFlow id="F5" sourceRef="Both" targetRef="C" />
                <bpmn:sequenceFlow id="F6" sourceRef="Both" targetRef="D" />
                <bpmn:sequenceFlow id="F7" sourceRef="C" targetRef="Join" />
                <bpmn:sequenceFlow id="F8" sourceRef="D" targetRef="Join" />
                <bpmn:sequenceFlow id="F9" sourceRef="Join" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2007", text, "<bpmn:parallelGateway id=\"Both\""));
    }

    [Fact]
    [Fires("FLOW2008")]
    public Task A_parallel_join_after_an_inclusive_choice()
    {
        var text = Choice("inclusiveGateway", Conditional("FA", "A", "${rush}"), Plain("FB", "B"), " default=\"FB\"", mergeKind: "parallelGateway");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2008", text, "<bpmn:parallelGateway id=\"Merge\""));
    }

    [Fact]
    [Fires("FLOW2009")]
    public Task A_gateway_with_one_way_in_and_out()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:exclusiveGateway id="Nothing" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Nothing" />
                <bpmn:sequenceFlow id="F2" sourceRef="Nothing" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2009", text, "<bpmn:exclusiveGateway id"));
    }

    [Fact]
    [Fires("FLOW2010")]
    public Task A_condition_on_a_default_flow()
    {
        var text = Choice("exclusiveGateway", Conditional("FA", "A", "${amount > 1000}"), Conditional("FB", "B", "${amount &lt;= 1000}"), " default=\"FB\"");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2010", text, "<bpmn:sequenceFlow id=\"FB\""));
    }

    [Fact]
    [Fires("FLOW2011")]
    public Task A_conditional_flow_out_of_an_event()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"Start\" targetRef=\"Work\" />",
            "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"Start\" targetRef=\"Work\"><bpmn:conditionExpression>${go}</bpmn:conditionExpression></bpmn:sequenceFlow>",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2011", text, "<bpmn:sequenceFlow id=\"F1\""));
    }

    [Fact]
    [Fires("FLOW3001")]
    public Task An_empty_condition_is_reported_at_its_element()
    {
        var text = Choice("exclusiveGateway", Conditional("FA", "A", "  "), Plain("FB", "B"), " default=\"FB\"");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW3001", text, "<bpmn:conditionExpression"));
    }

    [Fact]
    public Task A_retry_loop_inside_a_parallel_branch_is_not_a_deadlock()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:parallelGateway id="Fork" />
                <bpmn:exclusiveGateway id="Again" />
                <bpmn:task id="A" />
                <bpmn:exclusiveGateway id="Check" default="Retry" />
                <bpmn:task id="B" />
                <bpmn:parallelGateway id="Join" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Fork" />
                <bpmn:sequenceFlow id="F1" sourceRef="Fork" targetRef="Again" />
                <bpmn:sequenceFlow id="F2" sourceRef="Again" targetRef="A" />
                <bpmn:sequenceFlow id="F3" sourceRef="A" targetRef="Check" />
                <bpmn:sequenceFlow id="Done" sourceRef="Check" targetRef="Join"><bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="Retry" sourceRef="Check" targetRef="Again" />
                <bpmn:sequenceFlow id="F4" sourceRef="Fork" targetRef="B" />
                <bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="Join" />
                <bpmn:sequenceFlow id="F9" sourceRef="Join" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(text);
    }

    [Fact]
    public Task A_single_conditional_flow_without_default_may_match_nothing()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:exclusiveGateway id="Gate" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Gate" />
                <bpmn:sequenceFlow id="F2" sourceRef="Gate" targetRef="End"><bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2002", text, "<bpmn:exclusiveGateway id"), AtElement("FLOW2009", text, "<bpmn:exclusiveGateway id"));
    }
}
