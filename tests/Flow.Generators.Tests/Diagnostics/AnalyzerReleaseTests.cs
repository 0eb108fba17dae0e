using System.Text.RegularExpressions;
using Flow.Compiler.Diagnostics;
using Flow.Generators.Tests.Infrastructure;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>
/// The release tracking files (AnalyzerReleases.Shipped.md / .Unshipped.md, the RS2008 format)
/// list every id the generator reports, with its category and current severity, and nothing else.
/// </summary>
public class AnalyzerReleaseTests
{
    private const string Folder = "src/Flow.Generators/";
    private const string Unshipped = Folder + "AnalyzerReleases.Unshipped.md";
    private const string Shipped = Folder + "AnalyzerReleases.Shipped.md";

    private sealed record Row(string Id, string Category, string Severity, string File);

    /// <summary>
    /// The rule rows of both files, in file order (Shipped first); a later row of an id (a
    /// "Changed Rules" entry) overrides an earlier one, as in the analyzer's own reading.
    /// </summary>
    private static Dictionary<string, Row> ListedRules()
    {
        var rules = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var file in new[] { Shipped, Unshipped })
        {
            var section = "";
            foreach (var line in File.ReadAllLines(Path.Combine(RepositoryPaths.Root, file)))
            {
                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    section = line[4..].Trim();
                    continue;
                }

                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length < 3 || !Regex.IsMatch(cells[0], @"^FLOW\d{4}$"))
                {
                    continue;
                }

                if (section == "Removed Rules")
                {
                    rules.Remove(cells[0]);
                    continue;
                }

                // New Rules: Id | Category | Severity | Notes; Changed Rules: Id | New Category | New Severity | Old Category | Old Severity | Notes.
                rules[cells[0]] = new Row(cells[0], cells[1], cells[2], file);
            }
        }

        return rules;
    }

    private static string Severity(FlowDiagnosticDescriptor d) => d.Severity switch
    {
        FlowSeverity.Error => "Error",
        FlowSeverity.Warning => "Warning",
        _ => "Info",
    };

    private static string NewRuleLine(FlowDiagnosticDescriptor d) =>
        $"{d.Id} | {FlowDiagnosticDescriptors.Category} | {Severity(d)} | {d.Title}";

    [Fact]
    public void Every_catalog_id_is_listed_in_the_analyzer_release_files()
    {
        var listed = ListedRules();
        var missing = DiagnosticCatalog.All.Where(d => !listed.ContainsKey(d.Id)).ToArray();
        Assert.True(
            missing.Length == 0,
            "Diagnostic ids in DiagnosticCatalog but in neither " + Shipped + " nor " + Unshipped + ". Add these lines to the table under '### New Rules' in " + Unshipped + ":\n"
            + string.Join("\n", missing.Select(NewRuleLine)));
    }

    [Fact]
    public void Listed_rules_have_the_catalog_category_and_severity()
    {
        var listed = ListedRules();
        var wrong = DiagnosticCatalog.All
            .Where(d => listed.TryGetValue(d.Id, out var row) && (row.Category != FlowDiagnosticDescriptors.Category || row.Severity != Severity(d)))
            .Select(d => $"{d.Id}: listed in {listed[d.Id].File} as {listed[d.Id].Category}/{listed[d.Id].Severity}, the catalog says {FlowDiagnosticDescriptors.Category}/{Severity(d)}"
                + (listed[d.Id].File == Unshipped ? $" (fix its line in {Unshipped})" : $" (add it under '### Changed Rules' in {Unshipped})"))
            .ToArray();
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Only_catalog_ids_are_listed()
    {
        var catalog = DiagnosticCatalog.All.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var extra = ListedRules().Values.Where(r => !catalog.Contains(r.Id)).Select(r => $"{r.Id} (in {r.File})").ToArray();
        Assert.True(
            extra.Length == 0,
            "Listed in the analyzer release files but not in DiagnosticCatalog (remove the line from " + Unshipped + ", or for a shipped id add it under '### Removed Rules' there): "
            + string.Join(", ", extra));
    }
}
