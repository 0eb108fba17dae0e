using Flow.Compiler;
using Flow.Generators.Tests.Infrastructure;

namespace Flow.Generators.Tests.Pipeline;

/// <summary>The generator's cancellation reaches the compiler (issue 10): a cancelled compile throws instead of running on.</summary>
public class CancellationTests
{
    [Fact]
    public void A_cancelled_compile_stops_with_OperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var file = new FlowFile("/big.bpmn", ExtremeInputs.Chain(2_000), "Flows");

        Assert.ThrowsAny<OperationCanceledException>(() => FlowCompiler.Compile(file, cancellation.Token));
    }

    [Fact]
    public void The_generator_passes_its_token_to_the_compiler()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var file = new FlowFile("/big.bpmn", ExtremeInputs.Chain(10), "Flows");

        Assert.ThrowsAny<OperationCanceledException>(() => FileCompiler.Compile(file, cancellation.Token));
    }

    [Fact]
    public void A_compile_that_is_not_cancelled_is_unchanged()
    {
        var file = new FlowFile("/big.bpmn", ExtremeInputs.Chain(10), "Flows");

        Assert.Equal(FlowCompiler.Compile(file), FlowCompiler.Compile(file, CancellationToken.None));
    }
}
