using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Emission;

/// <summary>
/// FLOW_UPDATE_SNAPSHOTS=1 rewrites the snapshots with <see cref="SnapshotText"/>: on unchanged compiler
/// code it must write back exactly what is committed, and a diagram that gives no class must be said
/// with its diagnostics (it failed with "Sequence contains no elements" from Sources.Single()).
/// </summary>
public class SnapshotUpdaterTests
{
    private const string HintName = "TestProject.OrderProcess.order.bpmn.g.cs";

    private static string SnapshotPath(string name) => Path.Combine(RepositoryPaths.Root, "tests", "Flow.Generators.Tests", "Emission", "Snapshots", name);

    [Theory]
    [MemberData(nameof(EmittedShapes.Names), MemberType = typeof(EmittedShapes))]
    public void The_updater_writes_back_what_is_committed(string snapshot)
    {
        var diagram = EmittedShapes.Named(snapshot).Diagram;
        var hash = Flow.Compiler.Reading.BpmnReader.Read(diagram).LayoutFreeHash!;

        var written = SnapshotText.Of(diagram, HintName, FilePath, hash);

        Assert.Equal(File.ReadAllText(SnapshotPath(snapshot)).ReplaceLineEndings("\n"), written.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_diagram_that_gives_no_class_is_said_with_its_diagnostics()
    {
        // An attribute past the limit: the file is refused and gets no code (FLOW0014).
        var refused = Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:task id=\"Work\" custom=\"" + new string('x', Flow.Compiler.CompilerLimits.MaxAttributeLength + 1) + "\" />", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidOperationException>(() => SnapshotText.Of(refused, HintName, FilePath, "hash"));

        Assert.Contains("generated no " + HintName, error.Message, StringComparison.Ordinal);
        Assert.Contains("FLOW0014", error.Message, StringComparison.Ordinal);
    }
}
