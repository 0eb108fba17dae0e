using System;

namespace Flow.Build.Tasks.Diagnostics;

/// <summary>
/// A failure with its FLOW5xxx id, thrown by the pure parts and turned into one MSBuild error
/// by the task. <see cref="File"/> is where the error points, when it is about a file.
/// </summary>
public sealed class FlowBuildException : Exception
{
    public FlowBuildException(TaskDiagnostic diagnostic, string? file, params object[] args)
        : base(diagnostic.Format(args))
    {
        Diagnostic = diagnostic;
        File = file;
    }

    public TaskDiagnostic Diagnostic { get; }

    public string? File { get; }
}
