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
}
