using Flow.Compiler;
using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Files beyond the compiler's limits are refused at the element that crosses the limit, with no generated code.</summary>
public class LimitDiagnosticsTests
{
    [Fact]
    [Fires("FLOW0020")]
    public Task Elements_nested_past_the_depth_limit_are_refused_at_the_first_too_deep()
    {
        var text = ExtremeInputs.NestedElements(300);

        // definitions, process, task and extensionElements hold the first <x:n> at depth 4 (the root is 0).
        var (line, column) = Nth(text, "<x:n", Flow.Compiler.Reading.SafeXmlLoader.MaxElementDepth - 4 + 1);
        return GeneratorTest.VerifyAsync(text, new DiagnosticResult("FLOW0020", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .WithSpan(FilePath, line, column, line, column + "<x:n".Length));
    }

    [Fact]
    [Fires("FLOW0021")]
    public Task A_sub_process_nested_past_the_scope_limit_is_refused_at_that_sub_process()
    {
        var text = ExtremeInputs.NestedSubProcesses(CompilerLimits.MaxScopeDepth + 1);
        var tag = $"<subProcess id=\"sub{CompilerLimits.MaxScopeDepth}\"";
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW0021", text, tag));
    }

    [Fact]
    public Task Sub_processes_nested_to_the_limit_compile()
    {
        var text = ExtremeInputs.NestedSubProcesses(CompilerLimits.MaxScopeDepth);
        return GeneratorTest.VerifyAsync(text);
    }

    [Fact]
    [Fires("FLOW0022")]
    public Task An_element_inside_a_condition_is_refused_at_the_element()
    {
        var text = ExtremeInputs.ConditionWithLineEnds("\n").Replace("amount &gt; 10", "amount <b>&gt;</b> 10", StringComparison.Ordinal);
        var (line, column) = Find(text, "<b>");
        return GeneratorTest.VerifyAsync(text, new DiagnosticResult("FLOW0022", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .WithSpan(FilePath, line, column, line, column + "<b".Length)
            .WithArguments("condition of sequence flow 'big'", "b"));
    }

    [Fact]
    [Fires("FLOW0023")]
    public Task A_file_with_too_many_processes_is_refused_at_the_first_one_too_many()
    {
        var text = ExtremeInputs.ManyEmptyProcesses(CompilerLimits.MaxProcessesPerFile + 1);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW0023", text, $"<process id=\"p{CompilerLimits.MaxProcessesPerFile}\""));
    }

    [Fact]
    [Fires("FLOW1040")]
    public Task A_process_with_too_many_nodes_is_refused_at_the_process()
    {
        var text = ExtremeInputs.ManyNodes(CompilerLimits.MaxNodesPerProcess + 1);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1040", text, "<process id=\"p\"").WithArguments("p", "10000", "flow nodes"));
    }

    [Fact]
    public Task A_process_with_too_many_flows_is_refused_at_the_process()
    {
        var text = ExtremeInputs.Process(string.Concat(Enumerable.Range(0, CompilerLimits.MaxFlowsPerProcess + 1).Select(i => $"<sequenceFlow id=\"f{i}\" sourceRef=\"a\" targetRef=\"b\"/>\n")));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1040", text, "<process id=\"p\"").WithArguments("p", "20000", "sequence flows"));
    }

    [Fact]
    [Fires("FLOW1041")]
    public Task A_gateway_with_too_many_branches_is_refused_at_the_gateway()
    {
        var text = ExtremeInputs.WideGateway("parallelGateway", CompilerLimits.MaxBranchesPerNode + 1);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW1041", text, "<parallelGateway id=\"split\"").WithArguments("split", "1001", "outgoing", "1000"),
            AtElement("FLOW1041", text, "<parallelGateway id=\"join\"").WithArguments("join", "1001", "incoming", "1000"));
    }

    [Fact]
    [Fires("FLOW2020")]
    public void Deadlock_analysis_past_its_budget_is_reported_at_the_join_where_it_stopped()
    {
        var text = ExtremeInputs.ChoicesThenJoins(60, 60);

        var result = FlowCompiler.Compile(new FlowFile(FilePath, text, "Flows"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FLOW2020", diagnostic.Id);
        var join = diagnostic.Arguments[0];
        var (line, column) = Find(text, $"<parallelGateway id=\"{join}\"");
        Assert.Equal(new Flow.Compiler.Text.SourceSpan(line, column, line, column + "<parallelGateway".Length), diagnostic.Span);
        Assert.NotEmpty(result.Sources);
    }

    [Fact]
    public void Deadlock_analysis_within_its_budget_reports_nothing_for_a_clean_process()
    {
        var result = FlowCompiler.Compile(new FlowFile(FilePath, ExtremeInputs.ChoicesThenJoins(5, 5), "Flows"));
        Assert.Empty(result.Diagnostics);
    }

    /// <summary>1-based line and column of the <paramref name="n"/>-th occurrence.</summary>
    private static (int Line, int Column) Nth(string text, string needle, int n)
    {
        var index = -1;
        for (var i = 0; i < n; i++)
        {
            index = text.IndexOf(needle, index + 1, StringComparison.Ordinal);
        }

        var lineStart = text.LastIndexOf('\n', index) + 1;
        return (1 + text.AsSpan(0, index).Count('\n'), index - lineStart + 1);
    }
}
