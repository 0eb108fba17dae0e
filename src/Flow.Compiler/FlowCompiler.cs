using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Emit;
using Flow.Compiler.Model;
using Flow.Compiler.Naming;
using Flow.Compiler.Planning;
using Flow.Compiler.Reading;
using Flow.Compiler.Rules;
using Flow.Compiler.Text;

namespace Flow.Compiler;

/// <summary>
/// The compiler front door: BPMN text in, C# sources and diagnostics out. Read ▶ validate ▶
/// plan ▶ emit. Never throws for any input: an unexpected failure becomes FLOW0999.
/// </summary>
public static class FlowCompiler
{
    public static readonly string Version = typeof(FlowCompiler).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>
    /// Reading errors after which the model is not the diagram (a part was not read) or the
    /// file is beyond <see cref="CompilerLimits"/>: the file gets no generated code at all.
    /// </summary>
    private static readonly HashSet<string> Refusals = new(StringComparer.Ordinal)
    {
        DiagnosticCatalog.ScopeTooDeep.Id,
        DiagnosticCatalog.MarkupInExpression.Id,
        DiagnosticCatalog.TooManyProcesses.Id,
        DiagnosticCatalog.ProcessTooLarge.Id,
        DiagnosticCatalog.TooManyBranches.Id,
        DiagnosticCatalog.IdTooLong.Id,
        DiagnosticCatalog.NameTooLong.Id,
        DiagnosticCatalog.ExpressionTooLong.Id,
        DiagnosticCatalog.AttributeTooLong.Id,
    };

    public static FileCompilation Compile(FlowFile file) => Compile(file, CancellationToken.None);

    /// <summary>Compiles one file; <paramref name="cancellationToken"/> is seen while reading, checking and emitting (it throws, nothing else does).</summary>
    public static FileCompilation Compile(FlowFile file, CancellationToken cancellationToken)
    {
        try
        {
            return CompileCore(file, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var error = FlowDiagnostic.Create(DiagnosticCatalog.InternalError, SourceSpan.At(1, 1, 1), ex.GetType().Name + ": " + ex.Message);
            return new FileCompilation(default, new[] { error }.ToEquatableArray(), default);
        }
    }

    private static FileCompilation CompileCore(FlowFile file, CancellationToken cancellationToken)
    {
        var read = BpmnReader.Read(file.Text, cancellationToken);
        var diagnostics = new List<FlowDiagnostic>(read.Diagnostics);
        var sources = new List<GeneratedSource>();
        var symbols = new List<ProcessSymbol>();
        if (read.Document is not { } document)
        {
            return Result(sources, diagnostics, symbols);
        }

        foreach (var process in document.Processes)
        {
            diagnostics.AddRange(SizeLimits.Check(process));
        }

        if (diagnostics.Any(d => Refusals.Contains(d.Id)))
        {
            return Result(sources, diagnostics, symbols);
        }

        var fileName = System.IO.Path.GetFileName(file.Path);
        var executable = new List<ProcessModel>();
        foreach (var process in document.Processes)
        {
            if (process.IsExecutable)
            {
                executable.Add(process);
            }
            else
            {
                diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.ProcessNotExecutable, process.Span, process.Id));
            }
        }

        if (executable.Count == 0)
        {
            diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.NoExecutableProcess, document.Span, fileName));
            return Result(sources, diagnostics, symbols);
        }

        if (!CheckOptions(file, document, diagnostics))
        {
            return Result(sources, diagnostics, symbols);
        }

        // Not the text's hash: generated code must not change when only the layout (DI) does.
        var hash = read.LayoutFreeHash ?? Sha256Hex(file.Text);
        diagnostics.AddRange(CallActivityRules.CheckCalled(document));
        diagnostics.AddRange(ConfusableIdRules.CheckAcross(document));
        var classNames = new Dictionary<string, ProcessModel>(StringComparer.Ordinal);
        var hintNames = HintNames.NewSet();
        foreach (var drawn in executable)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var process = HandlerBindingMode.Apply(drawn, file.BindHandlersByName);
            var found = ProcessValidator.Validate(process);
            diagnostics.AddRange(found);
            var className = executable.Count == 1 ? file.ClassName : null;
            var plan = ClassPlanner.Plan(process, file.Namespace, className, file.Path, hash, diagnostics);
            if (plan is null || NamingRefusals.AnyIn(found))
            {
                continue;
            }

            if (classNames.TryGetValue(plan.ClassName, out var other))
            {
                diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.IdentifierCollision, process.Span, other.Id, process.Id, plan.ClassName));
                continue;
            }

            classNames.Add(plan.ClassName, process);
            symbols.Add(new ProcessSymbol(process.Id, plan.FullName, process.Span) { Calls = CallActivityRules.CalledKeys(process) });
            cancellationToken.ThrowIfCancellationRequested();
            sources.Add(new GeneratedSource(HintNames.For(plan, file.ProjectRelativePath ?? file.Path, hintNames), plan.FullName, ProcessEmitter.Emit(plan, Version)));
        }

        return Result(sources, diagnostics, symbols);
    }

    private static bool CheckOptions(FlowFile file, BpmnDocument document, List<FlowDiagnostic> diagnostics)
    {
        var valid = true;
        if (!CSharpNames.IsValidNamespace(file.Namespace))
        {
            diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.InvalidOptionIdentifier, document.Span, "namespace", file.Namespace, "namespace"));
            valid = false;
        }

        if (file.ClassName is { } className && !CSharpNames.IsValidIdentifier(className))
        {
            diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.InvalidOptionIdentifier, document.Span, "class name", className, "identifier"));
            valid = false;
        }

        return valid;
    }

    private static FileCompilation Result(List<GeneratedSource> sources, List<FlowDiagnostic> diagnostics, List<ProcessSymbol> symbols) =>
        new(
            sources.ToEquatableArray(),
            diagnostics.OrderBy(d => d.Span.StartLine).ThenBy(d => d.Span.StartColumn).ThenBy(d => d.Id, StringComparer.Ordinal).ToEquatableArray(),
            symbols.ToEquatableArray());

    public static string Sha256Hex(string text)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var builder = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
        {
            builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
