using System.Text;
using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Flow.Generators.Tests.Pipeline;

/// <summary>
/// Whatever a .bpmn file holds, the generator never throws into the compiler: no CS8785
/// (generator failed) and no exception in the run result, only FLOW diagnostics.
/// </summary>
public class RobustnessTests
{
    private static readonly string Order = Fixtures.Process(Fixtures.StraightLine);

    public static IEnumerable<object[]> Truncations() =>
        Enumerable.Range(0, Order.Length / 7).Select(i => new object[] { i * 7 });

    [Theory]
    [MemberData(nameof(Truncations))]
    public void A_truncated_file_gives_diagnostics_not_exceptions(int length) =>
        AssertNeverThrows(Order.Substring(0, length));

    [Fact]
    public void Random_bytes_give_diagnostics_not_exceptions()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            AssertNeverThrows(Encoding.Latin1.GetString(bytes));
        }
    }

    [Fact]
    public void Hostile_text_in_names_and_ids_gives_diagnostics_not_exceptions()
    {
        // Multi-character sequences in the attributes that reach generated code.
        string[] tokens =
        {
            "&#x85;", "&#x2028;", "&#x2029;", "&quot;", "'", "*/", "/*", "//", "#line 1 &quot;x.cs&quot;", "#if X", "&#xD;&#xA;#region",
            "&#x202E;", "&#x2066;", "&#x200F;", "&#x200D;", "}", "{", "\\", "&lt;/summary&gt;", "__arglist", "await", "class",
        };
        var random = new Random(2029);
        for (var i = 0; i < 150; i++)
        {
            string Next() => string.Concat(Enumerable.Range(0, 1 + random.Next(3)).Select(_ => tokens[random.Next(tokens.Length)]));
            var text = Order
                .Replace("name=\"Work\"", "name=\"W" + Next() + "\"", StringComparison.Ordinal)
                .Replace("name=\"Order\"", "name=\"O" + Next() + "\"", StringComparison.Ordinal)
                .Replace("\"Work\"", "\"Work" + (random.Next(2) == 0 ? "" : Next()) + "\"", StringComparison.Ordinal);
            AssertNeverThrows(text, "/fuzz" + (random.Next(3) == 0 ? "\u2028\"" : "") + ".bpmn");
        }
    }

    [Fact]
    public void Randomly_mutated_diagrams_give_diagnostics_not_exceptions()
    {
        var random = new Random(42);
        // Line ends C# knows besides CR and LF (U+0085, U+2028, U+2029), bidi controls,
        // a zero-width joiner, comment and directive characters.
        const string Alphabet = "<>/=\"' &;:!?-_abcXYZ019\n\t\u00e9\u4e2d\ud83d\ude00\u0085\u2028\u2029\u202e\u2066\u200f\u200d*#\\{}";
        for (var i = 0; i < 300; i++)
        {
            var chars = Order.ToCharArray();
            for (var m = 0; m < 1 + random.Next(6); m++)
            {
                chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
            }

            AssertNeverThrows(new string(chars));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("<?xml version=\"1.0\"?>")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process/></definitions>")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\"><sequenceFlow/><task/><startEvent id=\"s\" default=\"\"/></process></definitions>")]
    [InlineData("<!DOCTYPE x SYSTEM \"http://127.0.0.1:1/evil.dtd\"><x/>")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"class\"><startEvent id=\"int\"/><endEvent id=\"1\"/><sequenceFlow id=\"f\" sourceRef=\"int\" targetRef=\"1\"/></process></definitions>")]
    public void Edge_case_documents_give_diagnostics_not_exceptions(string text) => AssertNeverThrows(text);

    [Fact]
    public void A_variable_type_that_is_no_CSharp_type_is_reported_at_the_variable_not_in_the_data_json_code()
    {
        // As MIWG C.1.1 declares data objects: an XSD QName where a C# type belongs.
        const string text = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn">
              <process id="p" isExecutable="true">
                <extensionElements><flow:variable name="approver" type="xs:tString" /></extensionElements>
                <startEvent id="s" /><userTask id="u" /><endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="u" /><sequenceFlow id="f2" sourceRef="u" targetRef="e" />
              </process>
            </definitions>
            """;
        AssertNeverThrows(text);
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        // A DTD is refused before anything is fetched: the file is not even opened.
        var secret = Path.Combine(Path.GetTempPath(), "flow-xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(secret, "SECRET");
        try
        {
            var text = $"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file://{secret}\">]><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"&x;\"/>";
            var diagnostics = AssertNeverThrows(text);
            var only = Assert.Single(diagnostics);
            Assert.Equal("FLOW0002", only.Id);
            Assert.DoesNotContain("SECRET", only.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    internal static IReadOnlyList<Diagnostic> AssertNeverThrows(string text, string path = "/fuzz.bpmn")
    {
        var compilation = DriverHarness.Compilation("namespace App { }");
        var driver = DriverHarness.Driver(new[] { new InMemoryAdditionalText(path, text) });
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.DoesNotContain(generatorDiagnostics, d => d.Id is "CS8785" or "AD0001");
        Assert.All(generatorDiagnostics, d => Assert.StartsWith("FLOW", d.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(generatorDiagnostics, d => d.Id == "FLOW0999");

        // Whatever was generated compiles: the only errors are the user's (missing handlers,
        // expressions), and those are mapped into the .bpmn file, never left in generated code.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error
            && d.Location.GetMappedLineSpan().Path.EndsWith(".cs", StringComparison.Ordinal)
            && d.Location.SourceTree?.FilePath.Contains("Flow.Generators", StringComparison.Ordinal) == true));
        return generatorDiagnostics;
    }
}
