using System.Xml.Linq;
using Flow.Generators.Tests.Infrastructure;

namespace Flow.Generators.Tests.Pipeline;

/// <summary>
/// The BPMN MIWG reference models (real files from many modelling tools) in ../shared/corpus/miwg.
/// When a clone has no ../shared/, these tests are reported as skipped with that reason. The
/// reason is also the test's argument, so it is part of the name `dotnet test` prints for a
/// skipped test at its default verbosity (the console logger shows skip reasons only at
/// "detailed").
/// </summary>
public class MiwgCorpusTests
{
    private static string? CorpusFolder =>
        RepositoryPaths.Shared is { } shared && Directory.Exists(Path.Combine(shared, "corpus", "miwg")) ? Path.Combine(shared, "corpus", "miwg") : null;

    private const string Missing = "no ../shared/corpus/miwg beside this clone";

    /// <summary>Where the corpus is, or why it is not there: one case, named with it.</summary>
    public static TheoryData<string> Corpus => new() { CorpusFolder is { } folder ? folder : Missing };

    [SkippableTheory]
    [MemberData(nameof(Corpus))]
    public void Every_reference_model_goes_through_the_generator_without_exception(string corpus)
    {
        Skip.IfNot(Directory.Exists(corpus), corpus);
        var files = Directory.GetFiles(corpus, "*.bpmn").OrderBy(f => f, StringComparer.Ordinal).ToArray();
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
