using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>A wait state's outputs are parameters of a generated record: not the names C# gives every record (FLOW1318).</summary>
public class ResultRecordNameDiagnosticsTests
{
    /// <summary>A user task Approve with one output <paramref name="name"/>, writing the variable of that name.</summary>
    private static string WithOutput(string name) =>
        Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:userTask id=\"Work\" name=\"Approve\">\n      <bpmn:extensionElements><flow:output name=\"" + name + "\" type=\"string\" /></bpmn:extensionElements>\n    </bpmn:userTask>", StringComparison.Ordinal))
            .Replace("isExecutable=\"true\">", "isExecutable=\"true\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\">\n    <bpmn:extensionElements><flow:variable name=\"" + name + "\" type=\"string\" /></bpmn:extensionElements>", StringComparison.Ordinal);

    [Theory]
    [Fires("FLOW1318")]
    [InlineData("EqualityContract")]
    [InlineData("PrintMembers")]
    [InlineData("Deconstruct")]
    public Task An_output_named_like_a_record_member_is_reported_at_the_output(string name)
    {
        var text = WithOutput(name);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1318", text, "<flow:output name").WithArguments(name, "Work"));
    }

    /// <summary>The process gets no class: the record parameter was C# error CS0102 besides FLOW1318.</summary>
    [Theory]
    [InlineData("Deconstruct")]
    [InlineData("EqualityContract")]
    [InlineData("PrintMembers")]
    public void The_name_is_the_only_diagnostic_no_csharp_one_follows(string name)
    {
        var run = GeneratedCompilation.Run((FilePath, WithOutput(name)));

        Assert.Equal("FLOW1318", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Empty(run.Generated);
    }

    [Fact]
    public Task An_ordinary_output_name_is_fine() => GeneratorTest.VerifyAsync(WithOutput("deconstruct"));

    /// <summary>
    /// Output ApproveResult of the task named Approve: the record ApproveResult could not have it as a
    /// member (CS0542), so the record and its completion are named by the task's id, as for any name taken.
    /// </summary>
    [Fact]
    public void An_output_named_like_its_result_record_moves_the_record_to_the_id()
    {
        var run = GeneratedCompilation.Run((FilePath, WithOutput("ApproveResult")));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Contains("WorkResult", run.GeneratedTypeNames());
        Assert.DoesNotContain("ApproveResult", run.GeneratedTypeNames());
        Assert.Contains("CompleteWorkAsync", run.Generated[0].ToString(), StringComparison.Ordinal);
    }

    /// <summary>The same for a message's payload record: output PaidMessage of a catch of message Paid.</summary>
    [Fact]
    public void An_output_named_like_its_message_record_numbers_the_record()
    {
        var text = Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:intermediateCatchEvent id=\"Work\">\n      <bpmn:extensionElements><flow:output name=\"PaidMessage\" type=\"string\" /></bpmn:extensionElements>\n      <bpmn:messageEventDefinition messageRef=\"Msg\" />\n    </bpmn:intermediateCatchEvent>", StringComparison.Ordinal))
            .Replace("isExecutable=\"true\">", "isExecutable=\"true\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\">\n    <bpmn:extensionElements><flow:variable name=\"PaidMessage\" type=\"string\" /></bpmn:extensionElements>", StringComparison.Ordinal)
            .Replace("<bpmn:process", "<bpmn:message id=\"Msg\" name=\"Paid\" />\n  <bpmn:process", StringComparison.Ordinal);

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Contains("Paid2Message", run.GeneratedTypeNames());
        Assert.Contains("CorrelatePaid2Async", run.Generated[0].ToString(), StringComparison.Ordinal);
    }
}
