using System.Reflection;
using System.Text.RegularExpressions;
using Flow.Compiler;
using Flow.Compiler.Diagnostics;
using Flow.Generators.Tests.Infrastructure;

namespace Flow.Generators.Tests.Diagnostics;

public class CatalogTests
{
    private static readonly string[] CatalogIds = DiagnosticCatalog.All.Select(d => d.Id).ToArray();

    // FLOW5xxx belong to the deployment task (Flow.Build.Tasks), FLOW6xxx to the runtime.
    private static readonly string[] TaskIds = Flow.Build.Tasks.Diagnostics.TaskDiagnostics.All.Select(d => d.Id).ToArray();

    /// <summary>Every id the project reports: the compiler's, the task's and the runtime's.</summary>
    private static readonly string[] DocumentedIds = CatalogIds.Concat(TaskIds).Concat(RuntimeIds).ToArray();

    /// <summary>The runtime's: deployments (FLOW600x…), instances (FLOW604x), the PostgreSQL stores (FLOW610x), the SQLite store (FLOW612x), timers and jobs (FLOW616x), the cockpit (FLOW640x).</summary>
    private static IEnumerable<string> RuntimeIds => global::Flow.Deployment.DeploymentErrors.All.Keys.Concat(global::Flow.InstanceErrors.All.Keys)
        .Concat(global::Flow.Instances.PostgreSqlErrors.All.Keys).Concat(global::Flow.Instances.SqliteStoreErrors.All.Keys).Concat(global::Flow.Timers.TimerErrors.All.Keys).Concat(global::Flow.HandlerErrors.All.Keys).Concat(global::Flow.CompensationErrors.All.Keys).Concat(global::Flow.AsyncErrors.All.Keys)
        .Concat(global::Flow.Cockpit.CockpitErrors.All.Keys);

    [Fact]
    public void Every_catalog_id_has_a_test_that_fires_it_at_its_position()
    {
        var tested = typeof(CatalogTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttributes<FiresAttribute>())
            .Select(a => a.Id)
            .ToHashSet();
        Assert.Equal(Array.Empty<string>(), CatalogIds.Where(id => !tested.Contains(id)).ToArray());
    }

    [Fact]
    public void Every_catalog_id_is_documented_under_its_own_heading()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        var headings = Regex.Matches(docs, @"^## (FLOW\d{4})\b", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(Array.Empty<string>(), DocumentedIds.Where(id => !headings.Contains(id)).ToArray());
        Assert.Equal(Array.Empty<string>(), headings.Where(id => !DocumentedIds.Contains(id)).ToArray());
    }

    [Fact]
    public void Every_documented_id_has_one_row_in_the_summary_table_in_id_order()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        var rows = Regex.Matches(docs, @"^\| \[(FLOW\d{4})\]\(#flow\d{4}\)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(Array.Empty<string>(), DocumentedIds.Where(id => !rows.Contains(id)).ToArray());
        Assert.Equal(rows.Distinct().Order(StringComparer.Ordinal).ToArray(), rows);
    }

    [Fact]
    public void Every_task_and_runtime_id_has_its_anchor()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        Assert.All(TaskIds.Concat(RuntimeIds), id => Assert.Contains($"<a id=\"{id.ToLowerInvariant()}\"></a>", docs, StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_are_unique_and_in_their_range()
    {
        Assert.Equal(CatalogIds.Length, CatalogIds.Distinct().Count());
        Assert.All(DiagnosticCatalog.All, d => Assert.Matches(@"^FLOW[0-4]\d{3}$", d.Id));
        Assert.All(DiagnosticCatalog.All, d => Assert.False(string.IsNullOrWhiteSpace(d.HelpText)));
    }

    [Fact]
    [Fires("FLOW0999")]
    public void An_internal_failure_becomes_a_diagnostic_not_an_exception()
    {
        var result = FlowCompiler.Compile(new FlowFile("/broken.bpmn", null!, "Flows"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FLOW0999", diagnostic.Id);
        Assert.Equal(new Flow.Compiler.Text.SourceSpan(1, 1, 1, 2), diagnostic.Span);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void The_generated_node_kinds_match_the_runtime_enum()
    {
        var compilerKinds = Enum.GetNames<Flow.Compiler.Model.FlowNodeKind>();
        var runtimeKinds = Enum.GetNames<global::Flow.NodeKind>();
        Assert.Equal(compilerKinds, runtimeKinds);
    }
}
