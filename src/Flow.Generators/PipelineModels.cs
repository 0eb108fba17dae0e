// The value-equatable records the generator pipeline carries between steps.
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Text;

namespace Flow.Generators;

/// <summary>
/// A compiler diagnostic with everything needed for a Roslyn <c>Location</c> in its file, as
/// plain data (a Roslyn Location is not value-equatable, so it is made only when reporting).
/// </summary>
internal sealed record LocatedDiagnostic(FlowDiagnostic Diagnostic, FileSpan Location, EquatableArray<FileSpan> Related);

/// <summary>A span in a file, as offsets and as 1-based lines/columns.</summary>
internal sealed record FileSpan(string Path, int Start, int Length, SourceSpan Lines);

/// <summary>A process another file may clash with.</summary>
internal sealed record ProcessEntry(string Key, string ClassFullName, FileSpan Location)
{
    /// <summary>The keys its call activities call (FLOW1201 when no file defines one).</summary>
    public EquatableArray<CallEntry> Calls { get; init; }
}

/// <summary>A call activity's called key, located at its calledElement attribute.</summary>
internal sealed record CallEntry(string Key, string CallActivityId, FileSpan Location);

/// <summary>One compiled file as the pipeline carries it.</summary>
internal sealed record CompiledFile(
    string Path,
    EquatableArray<Flow.Compiler.GeneratedSource> Sources,
    EquatableArray<LocatedDiagnostic> Diagnostics,
    EquatableArray<ProcessEntry> Processes);

/// <summary>A class that several files generate, and the file whose version is kept.</summary>
internal sealed record ClaimedClass(string ClassFullName, string OwnerPath);
