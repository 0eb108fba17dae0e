using System.Collections.Immutable;
using Flow.Compiler;
using Flow.Compiler.Text;
using Microsoft.CodeAnalysis;

namespace Flow.Generators;

/// <summary>
/// Turns every BPMN file among AdditionalFiles into C# process classes. Thin wiring: each step
/// is a pure function in <see cref="FileCompiler"/>; sources and diagnostics are separate
/// outputs, so a diagnostic moving within a file re-emits no C#.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FlowGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var assemblyName = context.CompilationProvider.Select(static (c, _) => c.AssemblyName);

        // The project-wide inputs are paired first, so each file is combined once: every
        // per-file node costs the driver a pass over all files on every run, even when cached.
        var projectInputs = context.AnalyzerConfigOptionsProvider.Combine(assemblyName);

        // Filtered and read in one step: every step over the files costs the driver a pass
        // over all of them on each run in which any file changed.
        var files = context.AdditionalTextsProvider
            .Combine(projectInputs)
            .SelectMany(static (input, ct) => BpmnFiles.IsBpmn(input.Left.Path)
                ? ImmutableArray.Create(FileCompiler.ReadInput(input.Left, input.Right.Left, input.Right.Right, ct))
                : ImmutableArray<FlowFile>.Empty)
            .WithTrackingName(FlowGeneratorStepNames.Files);

        var compiled = files
            .Select(static (file, ct) => FileCompiler.Compile(file, ct))
            .WithTrackingName(FlowGeneratorStepNames.Compile);

        var processes = compiled
            .Select(static (file, _) => file.Processes)
            .WithTrackingName(FlowGeneratorStepNames.Processes)
            .Collect();

        // Usually empty and unchanged, so combining with it keeps per-file sources cached.
        var claimed = processes
            .Select(static (all, _) => CrossFileChecks.ClaimedClasses(all))
            .WithTrackingName(FlowGeneratorStepNames.ClaimedClasses);

        var sources = compiled
            .Select(static (file, _) => (file.Path, file.Sources))
            .WithTrackingName(FlowGeneratorStepNames.Sources)
            .Combine(claimed);
        context.RegisterSourceOutput(sources, static (spc, s) => FileCompiler.AddSources(spc, s.Left.Path, s.Left.Sources, s.Right));

        var diagnostics = compiled
            .Select(static (file, _) => file.Diagnostics)
            .WithTrackingName(FlowGeneratorStepNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, d) => DiagnosticReporter.Report(spc, d));

        var crossFile = processes
            .Select(static (all, _) => CrossFileChecks.Check(all))
            .WithTrackingName(FlowGeneratorStepNames.CrossFile);
        context.RegisterSourceOutput(crossFile, static (spc, d) => DiagnosticReporter.Report(spc, d));
    }
}
