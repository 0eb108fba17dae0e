using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

public class CrossFileDiagnosticsTests
{
    [Fact]
    [Fires("FLOW1012")]
    public Task Two_files_defining_the_same_process_key()
    {
        var first = Process(StraightLine);
        var second = Process(StraightLine);
        var (line, column) = Find(first, "<bpmn:process id");
        var span = "<bpmn:process".Length;
        return GeneratorTest.VerifyFilesAsync(
            new[] { ("/a/order.bpmn", first), ("/b/order.bpmn", second) },
            new DiagnosticResult("FLOW1012", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                .WithSpan("/a/order.bpmn", line, column, line, column + span)
                .WithSpan("/b/order.bpmn", line, column, line, column + span)
                .WithArguments("order", "/b/order.bpmn"),
            new DiagnosticResult("FLOW1012", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                .WithSpan("/b/order.bpmn", line, column, line, column + span)
                .WithSpan("/a/order.bpmn", line, column, line, column + span)
                .WithArguments("order", "/a/order.bpmn"));
    }

    [Fact]
    [Fires("FLOW1013")]
    public Task Two_files_generating_the_same_class()
    {
        var first = Process(StraightLine, id: "order_v1");
        var second = Process(StraightLine, id: "order_v2");
        var (line, column) = Find(first, "<bpmn:process id");
        var span = "<bpmn:process".Length;
        return GeneratorTest.VerifyFilesAsync(
            new[] { ("/a.bpmn", first), ("/b.bpmn", second) },
            new DiagnosticResult("FLOW1013", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                .WithSpan("/a.bpmn", line, column, line, column + span)
                .WithSpan("/b.bpmn", line, column, line, column + span)
                .WithArguments("order_v1", "TestProject.OrderProcess", "/b.bpmn"),
            new DiagnosticResult("FLOW1013", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                .WithSpan("/b.bpmn", line, column, line, column + span)
                .WithSpan("/a.bpmn", line, column, line, column + span)
                .WithArguments("order_v2", "TestProject.OrderProcess", "/a.bpmn"));
    }

    /// <summary>
    /// Keys that differ only in case or by a hyphen give one class: FLOW1013 at both processes (before,
    /// only at the later file; the first, the one that is generated, had none), and no C# error (CS0101).
    /// </summary>
    [Theory]
    [InlineData("order", "Order")]
    [InlineData("order-flow", "order_flow")]
    public void Keys_that_give_one_class_are_reported_at_both_processes_and_compile_to_one_class(string first, string second)
    {
        var a = Process(StraightLine, id: first, name: first);
        var b = Process(StraightLine, id: second, name: second);

        var run = GeneratedCompilation.Run(("/a.bpmn", a), ("/b.bpmn", b));

        var errors = run.GeneratorDiagnostics.Where(d => d.Id == "FLOW1013").OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal(("/a.bpmn", "/b.bpmn"), (errors[0].Location.GetLineSpan().Path, errors[1].Location.GetLineSpan().Path));
        Assert.All(errors, e => Assert.Equal(Find(a, "<bpmn:process id").Line - 1, e.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Contains("'/b.bpmn' generates too", errors[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("'/a.bpmn' generates too", errors[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Single(run.Generated);
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id is "CS0101" or "CS0102" or "CS8785");
    }

    /// <summary>
    /// Keys that differ in case (with classes that differ in case too) or by a Cyrillic look-alike letter compile
    /// to two classes: the engine tells them apart, a reader does not (FLOW1323, a warning at both processes).
    /// </summary>
    [Theory]
    [Fires("FLOW1323")]
    [InlineData("orderflow", "orderFlow", "orderflow", "orderFlow")]
    [InlineData("order", "\u043Erder", "order", "\\u043Erder")]
    public Task Look_alike_keys_in_two_files_are_a_warning_at_both_processes(string first, string second, string firstSpelled, string secondSpelled)
    {
        static string UserTaskProcess(string key) =>
            Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:userTask id=\"Work\" name=\"Work\" />", StringComparison.Ordinal), id: key, name: key);

        var a = UserTaskProcess(first);
        var b = UserTaskProcess(second);
        var (line, column) = Find(a, "<bpmn:process id");
        var span = "<bpmn:process".Length;
        return GeneratorTest.VerifyFilesAsync(
            new[] { ("/a.bpmn", a), ("/b.bpmn", b) },
            new DiagnosticResult("FLOW1323", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                .WithSpan("/a.bpmn", line, column, line, column + span)
                .WithSpan("/b.bpmn", line, column, line, column + span)
                .WithArguments(first, second, "/b.bpmn", firstSpelled, secondSpelled),
            new DiagnosticResult("FLOW1323", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                .WithSpan("/b.bpmn", line, column, line, column + span)
                .WithSpan("/a.bpmn", line, column, line, column + span)
                .WithArguments(second, first, "/a.bpmn", secondSpelled, firstSpelled));
    }
}
