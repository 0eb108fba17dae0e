using System.Diagnostics;
using System.Text.Json;
using Flow.Bpmn.Tests.Infrastructure;

namespace Flow.Bpmn.Tests;

/// <summary>
/// What the builder writes loads in bpmn-moddle (the parser of bpmn-js and Camunda Modeler)
/// without a warning, and bpmnlint finds nothing wrong with its diagram (every element has a
/// shape or edge, no shapes overlap or leave their sub-process) nor, for the builder's own
/// samples, with its structure. Needs node on the PATH and `npm ci` in
/// tests/Flow.Bpmn.Tests/moddle; without them the test is reported as skipped, with the reason
/// in its name.
/// </summary>
public class ModdleTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "Flow.Bpmn.Tests", "moddle");

    private const string Missing = "not run: node or tests/Flow.Bpmn.Tests/moddle/node_modules is missing (run npm ci there)";

    public static TheoryData<string> Setup => new() { NodeExecutable() is not null && Directory.Exists(Path.Combine(Folder, "node_modules", "bpmn-moddle")) ? Folder : Missing };

    [SkippableTheory]
    [MemberData(nameof(Setup))]
    public void Written_models_load_in_bpmn_moddle_without_warnings(string folder)
    {
        Skip.IfNot(Directory.Exists(folder), folder);
        var output = Directory.CreateTempSubdirectory("flow-bpmn-moddle-");
        try
        {
            var files = new List<string>();
            foreach (var (name, build) in Samples.All)
            {
                files.Add(Write(output.FullName, name + ".bpmn", Bpmn.WriteModel(build())));
            }

            if (RepositoryPaths.Shared is { } shared && Directory.Exists(Path.Combine(shared, "corpus", "miwg")))
            {
                foreach (var file in Directory.GetFiles(Path.Combine(shared, "corpus", "miwg"), "*.bpmn").OrderBy(f => f, StringComparer.Ordinal))
                {
                    files.Add(Write(output.FullName, "miwg-" + Path.GetFileName(file), Bpmn.WriteModel(Bpmn.ReadModelFromFile(file))));
                }
            }

            // Controls, so a silent harness fails: a dangling reference bpmn-moddle must warn about,
            // and a shape moved onto another that bpmnlint must report.
            var order = Bpmn.WriteModel(Samples.Order());
            var dangling = Write(output.FullName, "control-dangling.bpmn", order.Replace("targetRef=\"ship\"", "targetRef=\"nowhere\"", StringComparison.Ordinal));
            var overlapping = Write(output.FullName, "control-overlapping.bpmn", MoveShapeOnto(order, "ship", "review"));

            var results = Run(folder, files.Append(dangling).Append(overlapping));

            Assert.NotEmpty(results[dangling].GetProperty("warnings").EnumerateArray());
            Assert.Contains(Lint(results[overlapping]), r => r.StartsWith("no-overlapping-elements(", StringComparison.Ordinal));
            foreach (var file in files)
            {
                var result = results[file];
                var name = Path.GetFileName(file);
                Assert.False(result.TryGetProperty("error", out var error), name + ": " + error);
                Assert.Equal("bpmn:Definitions", result.GetProperty("root").GetString());
                Assert.True(result.GetProperty("warnings").GetArrayLength() == 0, name + ": " + result.GetProperty("warnings"));

                // The diagram is the writer's in every file; the structure is the builder's only in its samples.
                var rules = name.StartsWith("miwg-", StringComparison.Ordinal) ? DiagramRules : DiagramRules.Concat(StructureRules).ToArray();
                var found = Lint(result).Where(r => rules.Any(rule => r.StartsWith(rule + "(", StringComparison.Ordinal)))
                    .Except(NestedCompensationBoundaries(file).Select(id => "no-implicit-end(" + id + ")")).ToList();
                Assert.True(found.Count == 0, name + ": " + string.Join(", ", found));
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static readonly string[] DiagramRules = { "no-bpmndi", "no-overlapping-elements" };

    /// <summary>bpmnlint:recommended rules about the graph; label-required, fake-join and the discouraged-type rules judge the samples' modelling, not the builder.</summary>
    private static readonly string[] StructureRules =
    {
        "no-disconnected", "no-implicit-start", "no-implicit-end", "no-duplicate-sequence-flows", "no-gateway-join-fork",
        "no-implicit-split", "single-event-definition", "single-blank-start-event", "start-event-required", "end-event-required",
        "sub-process-blank-start-event", "event-sub-process-typed-start-event", "conditional-flows", "event-based-gateway", "link-event", "superfluous-gateway",
    };

    /// <summary>
    /// Compensation boundary events inside a sub-process: bpmnlint's no-implicit-end looks for
    /// their association among the process's artifacts only, while BPMN (and bpmn-js, and the
    /// compiler) keep it in the sub-process that holds both ends, so it reports them wrongly.
    /// </summary>
    private static IEnumerable<string> NestedCompensationBoundaries(string file)
    {
        var model = Bpmn.ReadModelFromFile(file);
        return model.Scopes().OfType<Flow.Bpmn.Model.BpmnFlowNode>()
            .SelectMany(container => container.Associations.Select(a => container.FlowNodes.FirstOrDefault(n => n.Id == a.SourceRef)))
            .Where(n => n is { Kind: Flow.Bpmn.Model.BpmnNodeKind.BoundaryEvent } && n.EventDefinition?.Kind == Flow.Bpmn.Model.BpmnEventDefinitionKind.Compensate)
            .Select(n => n!.Id).ToList();
    }

    private static IEnumerable<string> Lint(JsonElement result) => result.GetProperty("lint").EnumerateArray().Select(r => r.GetString()!);

    /// <summary>The XML with the bounds of <paramref name="id"/> replaced by those of <paramref name="onto"/>.</summary>
    private static string MoveShapeOnto(string xml, string id, string onto)
    {
        var document = System.Xml.Linq.XDocument.Parse(xml);
        System.Xml.Linq.XElement Bounds(string element) => document.Descendants().Single(e => e.Name.LocalName == "BPMNShape" && (string?)e.Attribute("bpmnElement") == element).Elements().Single();
        Bounds(id).ReplaceAttributes(Bounds(onto).Attributes());
        return document.ToString();
    }

    private static string Write(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, JsonElement> Run(string folder, IEnumerable<string> files)
    {
        var start = new ProcessStartInfo(NodeExecutable()!) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("check.mjs");
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("bpmn-moddle did not finish in 2 minutes");
        }

        Assert.True(stderr.Result.Length == 0, stderr.Result);
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(e => e.GetProperty("file").GetString()!, StringComparer.Ordinal);
    }

    private static string? NodeExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "node"), Path.Combine(dir, "node.exe") })
            .FirstOrDefault(File.Exists);
}
