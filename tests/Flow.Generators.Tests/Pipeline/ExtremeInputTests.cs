using System.Diagnostics;
using Flow.Compiler;
using Flow.Compiler.Diagnostics;
using Flow.Generators.Tests.Infrastructure;
using Xunit.Abstractions;
using static Flow.Generators.Tests.Infrastructure.ExtremeInputs;

namespace Flow.Generators.Tests.Pipeline;

/// <summary>
/// The guard for hostile and extreme inputs (issues 10 and 19): every file of every family
/// compiles or is refused with a located FLOW error, quickly, and a refused file gets no code.
/// The target is 2 s per file (5 s for 8 M characters). The hard limit that fails the test is
/// generous, and the class runs alone (not beside other test classes), so that a busy machine
/// does not flake (on 2 cores shared by ~40 busy processes the slowest, a 9,990-task chain that
/// generates 10 MB of C#, took 4 to 10 s, and 20 s once in a clean-clone CI run at load 10; it
/// takes ~7 s alone at that load and ~3 s quiet); the old hangs (minutes, or a stack overflow) still fail.
/// </summary>
[Collection(nameof(ExtremeInputTests))]
public class ExtremeInputTests(ITestOutputHelper output)
{
    private static readonly TimeSpan HardLimit = TimeSpan.FromSeconds(60);

    /// <summary>Expect no error and a generated class.</summary>
    private const string Compiles = "";

    /// <summary>Expect errors (each located) and no internal error, with or without code.</summary>
    private const string Located = "*";

    /// <summary>Family and size → the file, and what must come of it: <see cref="Compiles"/>, <see cref="Located"/>, or the id of the refusal (no code at all).</summary>
    private static readonly Dictionary<string, (Func<string> Text, string Expect)> Inputs = new()
    {
        ["nested sub-processes: 64, the cap"] = (() => NestedSubProcesses(CompilerLimits.MaxScopeDepth), Compiles),
        ["nested sub-processes: 65"] = (() => NestedSubProcesses(CompilerLimits.MaxScopeDepth + 1), "FLOW0021"),
        ["nested sub-processes: 20,000"] = (() => NestedSubProcesses(20_000), "FLOW0020"),
        ["nested elements: 100,000"] = (() => NestedElements(100_000), "FLOW0020"),
        ["exclusive gateway: 1,000 branches"] = (() => WideGateway("exclusiveGateway", 1_000), Compiles),
        ["parallel gateway: 1,000 branches"] = (() => WideGateway("parallelGateway", 1_000), Compiles),
        ["inclusive gateway: 1,000 branches"] = (() => WideGateway("inclusiveGateway", 1_000), Compiles),
        ["exclusive gateway: 10,000 branches"] = (() => WideGateway("exclusiveGateway", 10_000), "FLOW1041"),
        ["parallel gateway: 10,000 branches"] = (() => WideGateway("parallelGateway", 10_000), "FLOW1041"),
        ["inclusive gateway: 10,000 branches"] = (() => WideGateway("inclusiveGateway", 10_000), "FLOW1041"),
        ["dense: 300 gateways, 60 flows each"] = (() => Dense(300, 60), Located),
        ["diamonds: 1,000 in a row"] = (() => Diamonds(1_000), Compiles),
        ["diamonds: 2,400 in a row"] = (() => Diamonds(2_400), Compiles),
        ["nested parallel gateways: 3,000"] = (() => NestedGateways("parallelGateway", 3_000), Compiles),
        ["nested exclusive gateways: 500"] = (() => NestedGateways("exclusiveGateway", 500), Compiles),
        ["nested exclusive gateways: 3,000"] = (() => NestedGateways("exclusiveGateway", 3_000), Compiles),
        ["chain: 9,990 tasks"] = (() => Chain(9_990), Compiles),
        ["chain: 9,990 user tasks"] = (() => UserTaskChain(9_990), Compiles),
        ["chain: 20,000 tasks"] = (() => Chain(20_000), "FLOW1040"),
        ["nodes: 200,000 in one process"] = (() => ManyNodes(200_000), "FLOW1040"),
        ["processes: 1,000 in one file"] = (() => ManyProcesses(1_000), Compiles),
        ["processes: 100,000 in one file"] = (() => ManyEmptyProcesses(100_000), "FLOW0023"),
        ["processing instructions: 30 before a parse error"] = (() => ProcessingInstructions(30), "FLOW0001"),
        ["processing instructions: 10,000 before a parse error"] = (() => ProcessingInstructions(10_000), "FLOW0001"),
        ["line ends: CR only"] = (() => ConditionWithLineEnds("\r"), Compiles),
        ["line ends: mixed"] = (() => ConditionWithLineEnds("\n", "\r", "\r\n"), Compiles),
        ["8 M characters: 9,000 documented tasks"] = (() => Chain(9_000, 880), Compiles),
    };

    public static IEnumerable<object[]> Families() => Inputs.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Every_extreme_input_compiles_or_is_refused_at_a_place_in_time(string family)
    {
        var (make, expect) = Inputs[family];
        var text = make();
        var watch = Stopwatch.StartNew();
        var result = await Task.Run(() => FlowCompiler.Compile(new FlowFile("/extreme.bpmn", text, "Flows"))).WaitAsync(HardLimit);
        output.WriteLine($"{family}: {text.Length:N0} characters, {watch.ElapsedMilliseconds} ms, {result.Sources.Sum(s => (long)s.Text.Length):N0} characters generated");

        var errors = result.Diagnostics.Where(d => d.Severity == FlowSeverity.Error).ToList();
        Assert.DoesNotContain(errors, d => d.Id == DiagnosticCatalog.InternalError.Id);
        Assert.All(result.Diagnostics, d => Assert.False(d.Span.IsNone, d.ToString()));
        switch (expect)
        {
            case Compiles:
                Assert.Empty(errors);
                Assert.NotEmpty(result.Sources);
                break;
            case Located:
                Assert.NotEmpty(errors);
                break;
            default:
                Assert.Contains(errors, d => d.Id == expect);
                Assert.Empty(result.Sources);
                break;
        }
    }

    /// <summary>Issue 19: 1,000 nested sub-processes (188 KB) gave 22.9 MB of C#. At the cap the code is linear in the depth.</summary>
    [Fact]
    public void Generated_code_grows_linearly_with_nesting()
    {
        long Generated(int depth) => FlowCompiler.Compile(new FlowFile("/nested.bpmn", NestedSubProcesses(depth), "Flows")).Sources.Sum(s => (long)s.Text.Length);

        var half = Generated(CompilerLimits.MaxScopeDepth / 2);
        var full = Generated(CompilerLimits.MaxScopeDepth);
        output.WriteLine($"{CompilerLimits.MaxScopeDepth / 2} levels: {half:N0} characters, {CompilerLimits.MaxScopeDepth}: {full:N0}");

        // Twice the depth, about twice the code (quadratic growth would be four times).
        Assert.InRange((double)full / half, 1.5, 2.5);
    }

    /// <summary>
    /// The instance writer looked each wait state's node up by scanning all nodes (and twice more for
    /// loops): 11 s of emitting for 9,990 user tasks at load 24 on 2 cores, 0.5 s with an index.
    /// Best of two runs, so that one descheduled run does not fail it.
    /// </summary>
    [Fact]
    public void Emitting_9990_wait_states_takes_well_under_5_seconds()
    {
        var process = Flow.Compiler.Reading.BpmnReader.Read(UserTaskChain(9_990)).Document!.Processes[0];
        var plan = Flow.Compiler.Planning.ClassPlanner.Plan(process, "Flows", null, "/chain.bpmn", "hash", new List<FlowDiagnostic>())!;

        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 2; run++)
        {
            var watch = Stopwatch.StartNew();
            Flow.Compiler.Emit.ProcessEmitter.Emit(plan, "1.0.0");
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        output.WriteLine($"9,990 wait states emitted in {best.TotalMilliseconds:N0} ms (best of 2)");
        Assert.True(best < TimeSpan.FromSeconds(5), $"{best.TotalMilliseconds:N0} ms");
    }

    [Fact]
    public void The_8_M_character_input_is_that_large() =>
        Assert.InRange(Inputs["8 M characters: 9,000 documented tasks"].Text().Length, 8_000_000, SafeXmlLoaderLimit);

    private const int SafeXmlLoaderLimit = Flow.Compiler.Reading.SafeXmlLoader.MaxCharacters;
}

/// <summary>Runs <see cref="ExtremeInputTests"/> alone: timing tests should not share the machine with the rest of the suite.</summary>
[CollectionDefinition(nameof(ExtremeInputTests), DisableParallelization = true)]
public sealed class ExtremeInputsCollection;
