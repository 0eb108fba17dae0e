using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>
/// FLOW diagnostics are ordinary Roslyn diagnostics: their severity is set the usual way
/// (dotnet_diagnostic.FLOWnnnn.severity in a global analyzer config, WarningsAsErrors, NoWarn).
/// Global, because they point into .bpmn files and the compiler applies a plain .editorconfig
/// section's severities only to C# files (nor does it show them to generators).
/// </summary>
public class SeverityConfigurationTests
{
    /// <summary>start → Work, no end event: FLOW1003 on the process and FLOW1007 on the task, warnings by default.</summary>
    private static readonly string Sink = Process("""
            <bpmn:startEvent id="Start" />
            <bpmn:task id="Work" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
        """);

    private static Task VerifyWithConfig((string Path, string Text) config, params DiagnosticResult[] expected)
    {
        var test = new GeneratorTest();
        test.TestState.AdditionalFiles.Add((FilePath, Sink));
        test.TestState.AnalyzerConfigFiles.Add(config);
        test.TestState.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public void Every_descriptor_is_configurable()
    {
        Assert.All(FlowDiagnosticDescriptors.All, d => Assert.DoesNotContain(WellKnownDiagnosticTags.NotConfigurable, d.CustomTags));
        Assert.All(FlowDiagnosticDescriptors.All, d => Assert.True(d.IsEnabledByDefault));
    }

    [Fact]
    public Task Implicit_end_is_a_warning_by_default() =>
        GeneratorTest.VerifyAsync(Sink, AtElement("FLOW1003", Sink, "<bpmn:process id"), AtElement("FLOW1007", Sink, "<bpmn:task id=\"Work\""));

    [Fact]
    public Task A_global_config_raises_it_to_an_error() =>
        VerifyWithConfig(
            ("/.globalconfig", "is_global = true\ndotnet_diagnostic.FLOW1007.severity = error\n"),
            AtElement("FLOW1003", Sink, "<bpmn:process id"),
            AtElement("FLOW1007", Sink, "<bpmn:task id=\"Work\"").WithSeverity(DiagnosticSeverity.Error));

    [Fact]
    public Task A_global_editorconfig_raises_it_to_an_error() =>
        VerifyWithConfig(
            ("/.editorconfig", "is_global = true\ndotnet_diagnostic.FLOW1007.severity = error\n"),
            AtElement("FLOW1003", Sink, "<bpmn:process id"),
            AtElement("FLOW1007", Sink, "<bpmn:task id=\"Work\"").WithSeverity(DiagnosticSeverity.Error));

    [Fact]
    public Task A_global_config_can_silence_them() =>
        VerifyWithConfig(("/.globalconfig", "is_global = true\ndotnet_diagnostic.FLOW1003.severity = none\ndotnet_diagnostic.FLOW1007.severity = none\n"));

    [Fact]
    public Task WarningsAsErrors_raises_it_to_an_error()
    {
        var test = new GeneratorTest();
        test.TestState.AdditionalFiles.Add((FilePath, Sink));
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(
                options.SpecificDiagnosticOptions.SetItem("FLOW1007", ReportDiagnostic.Error)));
        });
        test.TestState.ExpectedDiagnostics.Add(AtElement("FLOW1003", Sink, "<bpmn:process id"));
        test.TestState.ExpectedDiagnostics.Add(AtElement("FLOW1007", Sink, "<bpmn:task id=\"Work\"").WithSeverity(DiagnosticSeverity.Error));
        return test.RunAsync();
    }
}
