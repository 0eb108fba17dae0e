using Flow.Compiler;
using Flow.Compiler.Diagnostics;

namespace Flow.Bpmn.Tests;

/// <summary>What the builder writes compiles with Flow.Compiler, as a .bpmn file in a project would.</summary>
public class CompileTests
{
    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void The_written_model_compiles_without_errors(string sample)
    {
        var xml = Bpmn.WriteModel(Samples.All[sample]());

        var result = FlowCompiler.Compile(new FlowFile("/" + sample + ".bpmn", xml, "Built"));

        var errors = result.Diagnostics.Where(d => d.Severity == FlowSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + xml);
        Assert.NotEmpty(result.Sources);
    }
}
