using Flow.Compiler.Diagnostics;
using Flow.Compiler.Text;

namespace Flow.Compiler;

/// <summary>The outcome of compiling one file: sources, diagnostics, and the keys it defines.</summary>
public sealed record FileCompilation(
    EquatableArray<GeneratedSource> Sources,
    EquatableArray<FlowDiagnostic> Diagnostics,
    EquatableArray<ProcessSymbol> Processes);

/// <summary>One generated file, for the class <paramref name="ClassFullName"/>.</summary>
public sealed record GeneratedSource(string HintName, string ClassFullName, string Text);

/// <summary>What other files need to know of a process: key and class (for cross-file checks).</summary>
public sealed record ProcessSymbol(string Key, string ClassFullName, SourceSpan Span)
{
    /// <summary>The process keys its call activities call (those to check across files).</summary>
    public EquatableArray<CalledProcess> Calls { get; init; }
}

/// <summary>A call activity's called key, located at its calledElement attribute.</summary>
public sealed record CalledProcess(string Key, string CallActivityId, SourceSpan Span);
