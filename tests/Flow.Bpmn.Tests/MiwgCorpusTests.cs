using System.Xml.Linq;
using Flow.Bpmn.Model;
using Flow.Bpmn.Tests.Infrastructure;

namespace Flow.Bpmn.Tests;

/// <summary>
/// The BPMN MIWG reference models (real files from many modelling tools) in ../shared/corpus/miwg
/// are read and written back without losing a flow node or sequence flow the model holds. When
/// a clone has no ../shared/ (and FLOW_SHARED_DIR names none), the test is reported as skipped
/// with that reason; the reason is also the test's argument, so `dotnet test` shows it in the
/// test's name at its default verbosity (as Flow.Generators.Tests' corpus test does).
/// </summary>
public class MiwgCorpusTests
{
    private const string Missing = "not run: no ../shared/corpus/miwg beside this clone (set FLOW_SHARED_DIR to a shared folder elsewhere)";

    private static string? CorpusFolder =>
        RepositoryPaths.Shared is { } shared && Directory.Exists(Path.Combine(shared, "corpus", "miwg")) ? Path.Combine(shared, "corpus", "miwg") : null;

    /// <summary>Where the corpus is, or why it is not there: one case, named with it.</summary>
    public static TheoryData<string> Corpus => new() { CorpusFolder is { } folder ? folder : Missing };

    [SkippableTheory]
    [MemberData(nameof(Corpus))]
    public void Every_reference_model_is_read_and_written_back_without_losing_nodes_or_flows(string corpus)
    {
        Skip.IfNot(Directory.Exists(corpus), corpus);
        var files = Directory.GetFiles(corpus, "*.bpmn").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 21, $"expected the 21 MIWG models, found {files.Length}");

        var nodesSeen = 0;
        var keptSeen = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var name = Path.GetFileName(file);
            var read = Bpmn.ReadModel(text);
            var written = Bpmn.WriteModel(read);
            var reread = Bpmn.ReadModel(written);

            var differences = BpmnModelComparison.Differences(read, reread);
            Assert.True(differences.Count == 0, name + ":\n" + string.Join("\n", differences));

            // Counted independently of the reader: every node of a kind the model holds, every flow.
            var expectedNodes = NodeIds(XDocument.Parse(text));
            Assert.Equal(expectedNodes, NodeIds(XDocument.Parse(written)));
            Assert.Equal(FlowEnds(XDocument.Parse(text)), FlowEnds(XDocument.Parse(written)));
            nodesSeen += expectedNodes.Count;

            // Loops, compensation handlers and associations between flow nodes are kept too.
            var expectedKept = Kept(XDocument.Parse(text));
            Assert.Equal(expectedKept, Kept(XDocument.Parse(written)));
            keptSeen += expectedKept.Count;

            var compiled = Flow.Compiler.FlowCompiler.Compile(new Flow.Compiler.FlowFile("/miwg/" + name, written, "Miwg"));
            Assert.DoesNotContain(compiled.Diagnostics, d => d.Id is "FLOW0001" or "FLOW0003" or "FLOW0007" or "FLOW0999");
        }

        Assert.True(nodesSeen > 100, $"only {nodesSeen} flow nodes in the corpus");
        Assert.True(keptSeen >= 6, $"only {keptSeen} loops, handlers and associations in the corpus");
    }

    /// <summary>Every loop (by its node), compensation handler and association between two flow nodes of one scope, independently of the reader.</summary>
    private static List<string> Kept(XDocument document)
    {
        var nodes = document.Descendants().Where(e => IsBpmn(e) && NodeElements.Contains(e.Name.LocalName) && InProcess(e)).ToList();
        var loops = nodes.SelectMany(n => n.Elements().Where(c => IsBpmn(c) && c.Name.LocalName.EndsWith("LoopCharacteristics", StringComparison.Ordinal))
            .Select(c => c.Name.LocalName + "@" + (string?)n.Attribute("id") + (c.Attribute("isSequential")?.Value == "true" ? " sequential" : "")));
        var handlers = nodes.Where(n => (string?)n.Attribute("isForCompensation") == "true").Select(n => "handler@" + (string?)n.Attribute("id"));
        var associations = document.Descendants().Where(e => IsBpmn(e) && e.Name.LocalName == "association" && e.Parent is { } scope
                && (scope.Name.LocalName == "process" || IsContainer(scope.Name.LocalName)) && (scope.Name.LocalName != "process" || InProcess(e))
                && new[] { (string?)e.Attribute("sourceRef"), (string?)e.Attribute("targetRef") }.All(end => scope.Elements().Any(n => IsBpmn(n) && NodeElements.Contains(n.Name.LocalName) && (string?)n.Attribute("id") == end)))
            .Select(e => "association " + (string?)e.Attribute("sourceRef") + "->" + (string?)e.Attribute("targetRef"));
        return loops.Concat(handlers).Concat(associations).OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    private static readonly HashSet<string> NodeElements = new(Enum.GetValues<BpmnNodeKind>().Select(k => k.ElementName()), StringComparer.Ordinal);

    private static List<string> NodeIds(XDocument document) =>
        document.Descendants().Where(e => IsBpmn(e) && NodeElements.Contains(e.Name.LocalName) && InProcess(e))
            .Select(e => (string)e.Attribute("id")!).OrderBy(id => id, StringComparer.Ordinal).ToList();

    /// <summary>Flows by source and target (a flow without id gets one from the reader).</summary>
    private static List<string> FlowEnds(XDocument document) =>
        document.Descendants().Where(e => IsBpmn(e) && e.Name.LocalName == "sequenceFlow" && InProcess(e))
            .Select(e => (string?)e.Attribute("sourceRef") + "->" + (string?)e.Attribute("targetRef")).OrderBy(s => s, StringComparer.Ordinal).ToList();

    private static bool IsBpmn(XElement e) => e.Name.NamespaceName is "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>Inside a process, through containers only (not inside, say, a choreography).</summary>
    private static bool InProcess(XElement e)
    {
        for (var parent = e.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Name.LocalName == "process")
            {
                return true;
            }

            if (!NodeElements.Contains(parent.Name.LocalName) || !IsContainer(parent.Name.LocalName))
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsContainer(string name) => name is "subProcess" or "transaction" or "adHocSubProcess";
}
