using System.Xml.Linq;
using Flow.Generators.Tests.Infrastructure;

namespace Flow.Generators.Tests.Pipeline;

/// <summary>
/// The BPMN MIWG reference models (real files from many modelling tools) in ../shared/corpus/miwg.
/// When a clone has no ../shared/, these tests are reported as skipped with that reason.
/// </summary>
public class MiwgCorpusTests
{
    private static string? CorpusFolder =>
        RepositoryPaths.Shared is { } shared && Directory.Exists(Path.Combine(shared, "corpus", "miwg")) ? Path.Combine(shared, "corpus", "miwg") : null;

    private const string Missing = "../shared/corpus/miwg is not beside this clone: the MIWG corpus test did not run";

    [SkippableFact]
    public void Every_reference_model_goes_through_the_generator_without_exception()
    {
        Skip.If(CorpusFolder is null, Missing);
        var files = Directory.GetFiles(CorpusFolder!, "*.bpmn").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 21, $"expected the 21 MIWG models, found {files.Length}");

        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var diagnostics = RobustnessTests.AssertNeverThrows(text, "/miwg/" + Path.GetFileName(file));

            // Counted independently of our reader: each isExecutable="false" process gets FLOW0005.
            var nonExecutable = XDocument.Parse(text).Root!.Elements()
                .Count(e => e.Name.LocalName == "process" && (string?)e.Attribute("isExecutable") == "false");
            Assert.Equal(nonExecutable, diagnostics.Count(d => d.Id == "FLOW0005"));
            Assert.DoesNotContain(diagnostics, d => d.Id is "FLOW0001" or "FLOW0003" or "FLOW0007");
        }
    }
}
