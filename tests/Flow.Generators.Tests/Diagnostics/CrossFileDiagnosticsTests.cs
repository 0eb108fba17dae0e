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
                .WithSpan("/b.bpmn", line, column, line, column + span)
                .WithSpan("/a.bpmn", line, column, line, column + span)
                .WithArguments("order_v2", "TestProject.OrderProcess", "/a.bpmn"));
    }
}
