using Flow.Execution.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>Mistakes in expressions and missing handlers are build errors located in the .bpmn file.</summary>
public class BuildErrorTests
{
    private static (int Line, int Column) Find(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(index >= 0 && text.IndexOf(needle, index + 1, StringComparison.Ordinal) < 0, $"'{needle}' must occur once");
        var lineStart = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        return (1 + text.AsSpan(0, index).Count('\n'), index - lineStart + 1);
    }

    private static FileLinePositionSpan Single(IReadOnlyList<Diagnostic> diagnostics, string id)
    {
        var diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        return diagnostic.Location.GetMappedLineSpan();
    }

    /// <summary>start → exclusive gateway → (condition → Big | default → Small), over decimal amount.</summary>
    private static string Decision(string condition) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="Amount" default="Low" />
            <bpmn:endEvent id="Big" />
            <bpmn:endEvent id="Small" />
        {Seq("F1", "Start", "Amount")}
        {Seq("High", "Amount", "Big", condition)}
        {Seq("Low", "Amount", "Small")}
        """, Variable("amount", "decimal"));

    [Fact]
    public void A_typo_in_a_condition_is_an_error_at_its_column_in_the_bpmn()
    {
        var bpmn = Decision("${amout &gt; 1000}");

        var span = Single(FlowAssembly.Diagnostics(new[] { (FilePath, bpmn) }), "CS0103");

        var (line, column) = Find(bpmn, "amout");
        Assert.Equal(FilePath, span.Path);
        Assert.Equal(line - 1, span.StartLinePosition.Line);
        Assert.Equal(column - 1, span.StartLinePosition.Character);
        Assert.Equal(column - 1 + "amout".Length, span.EndLinePosition.Character);
    }

    [Fact]
    public void A_typo_after_an_xml_entity_is_still_at_its_exact_column()
    {
        var bpmn = Decision("amount &gt;= 10 &amp;&amp; amout &lt;= 1000");

        var span = Single(FlowAssembly.Diagnostics(new[] { (FilePath, bpmn) }), "CS0103");

        var (line, column) = Find(bpmn, "amout");
        Assert.Equal((line - 1, column - 1), (span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void A_multi_line_script_error_is_reported_on_its_own_line()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:scriptTask id="Calc" scriptFormat="csharp"><bpmn:script>
                  var total = amount * 2;
                  amount = totl;
                </bpmn:script></bpmn:scriptTask>
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Calc")}
            {Seq("F2", "Calc", "End")}
            """, Variable("amount", "decimal"));

        var span = Single(FlowAssembly.Diagnostics(new[] { (FilePath, bpmn) }), "CS0103");

        var (line, column) = Find(bpmn, "totl;");
        Assert.Equal((line - 1, column - 1), (span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void A_missing_handler_is_an_error_at_its_task_in_the_bpmn()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:serviceTask id="Check" name="Check stock" />
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Check")}
            {Seq("F2", "Check", "End")}
            """);

        var diagnostics = FlowAssembly.Diagnostics(new[] { (FilePath, bpmn) });
        var span = Single(diagnostics, "CS8795");

        var (line, column) = Find(bpmn, "<bpmn:serviceTask id=\"Check\"");
        Assert.Equal(FilePath, span.Path);
        Assert.Equal((line - 1, column - 1), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Contains("CheckStock", diagnostics.Single(d => d.Id == "CS8795").GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_variable_type_is_an_error_at_its_declaration()
    {
        var bpmn = Process(
            $"""
                <bpmn:startEvent id="Start" />
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "End")}
            """,
            Variable("customer", "Shop.Customr"));

        var span = Single(FlowAssembly.Diagnostics(new[] { (FilePath, bpmn) }), "CS0246");

        var (line, _) = Find(bpmn, "Shop.Customr");
        Assert.Equal(FilePath, span.Path);
        Assert.Equal(line - 1, span.StartLinePosition.Line);
    }

    [Fact]
    public void An_output_the_data_does_not_declare_is_an_error_at_the_output()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:userTask id="Review"><bpmn:extensionElements><flow:output name="aproved" type="bool" /></bpmn:extensionElements></bpmn:userTask>
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Review")}
            {Seq("F2", "Review", "End")}
            """, Variable("approved", "bool"));

        var span = Single(FlowAssembly.Diagnostics(new[] { (FilePath, bpmn) }), "CS1061");

        var (line, _) = Find(bpmn, "<flow:output name=\"aproved\"");
        Assert.Equal(FilePath, span.Path);
        Assert.Equal(line - 1, span.StartLinePosition.Line);
    }
}
