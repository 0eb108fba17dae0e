namespace Flow.Compilation;

/// <summary>
/// One problem found compiling a diagram's text: a FLOW id from the diagram compiler or a CS id
/// from the C# compiler (a condition, a script, a variable's type), at its line and column in the
/// submitted text (1-based; 0 when it has no place in the text, e.g. an error in generated code).
/// </summary>
public sealed record ContentDiagnostic(string Key, string Id, bool IsError, string Message, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Key}.bpmn({Line},{Column}): {(IsError ? "error" : "warning")} {Id}: {Message}";
}
