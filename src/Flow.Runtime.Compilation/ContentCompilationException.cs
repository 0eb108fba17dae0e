using System;
using System.Collections.Generic;
using System.Linq;

namespace Flow.Compilation;

/// <summary>
/// A diagram's text did not compile (FLOW6250), or compiling it took longer than allowed
/// (FLOW6251). <see cref="Diagnostics"/> holds every FLOW and C# error at its line and column in
/// the text. Nothing of it (or of its batch) was deployed.
/// </summary>
public sealed class ContentCompilationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContentCompilationException(string id, string message, IReadOnlyList<ContentDiagnostic> diagnostics, Exception? inner = null)
        : base(id + ": " + message + (diagnostics.Count == 0 ? "" : "\n" + string.Join("\n", diagnostics.Where(d => d.IsError))), inner)
    {
        Id = id;
        Diagnostics = diagnostics;
    }

    /// <summary>The FLOW625x id.</summary>
    public string Id { get; }

    /// <summary>Every diagnostic, errors and warnings, in the order found.</summary>
    public IReadOnlyList<ContentDiagnostic> Diagnostics { get; }
}
