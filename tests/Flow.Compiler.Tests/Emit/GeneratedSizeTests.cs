using System.Globalization;
using Flow.Benchmarks;
using Flow.Compiler.Diagnostics;

namespace Flow.Compiler.Tests.Emit;

/// <summary>
/// Generated characters per flow node on the benchmarks' Camunda-style diagram (50 nodes, a
/// diagram-interchange section, 44 tasks, exclusive and parallel gateways): the generated code
/// must stay compact (issue 18: it is parsed on every build). Before the compact emitter: 970
/// per node with wait states, 1,403 without (on the diagram without its variable declared). The
/// budgets are what the emitter reached, with a little room; see benchmarks/README.md for the split per emitted part.
/// </summary>
public class GeneratedSizeTests
{
    /// <summary>
    /// With six user tasks: description table, handler declarations, dispatch, completions (394 reached with the diagram's variable <c>amount</c> declared;
    /// 430 since every framework type is named with global:: instead of a file alias, which a member of the user's data class could capture).
    /// </summary>
    private const int WaitStatesBudget = 440;

    /// <summary>All service tasks: also the straight-line method (its writer is optimised for speed, not size) and the trace replay (589 reached with the variable, 623 with global:: names; see benchmarks/README.md for what stands between it and 400).</summary>
    private const int StraightLineBudget = 640;

    [Theory]
    [InlineData(true, WaitStatesBudget)]
    [InlineData(false, StraightLineBudget)]
    public void A_camunda_style_diagram_generates_at_most_its_budget_of_characters_per_flow_node(bool waitStates, int budget)
    {
        var text = SyntheticDiagrams.Build(7, edited: false, waitStates);
        var result = FlowCompiler.Compile(new FlowFile(SyntheticDiagrams.PathFor(7), text, "Bench"));

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == FlowSeverity.Error);
        var source = Assert.Single(result.Sources).Text;
        var perNode = source.Length / (double)SyntheticDiagrams.NodesPerDiagram;
        Assert.True(
            perNode <= budget,
            string.Create(CultureInfo.InvariantCulture, $"{perNode:F0} characters per flow node (budget {budget}; {source.Length} in all, wait states: {waitStates})"));
    }
}
