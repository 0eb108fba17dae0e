namespace Flow.Compiler;

/// <summary>
/// One BPMN file to compile and its options. <paramref name="Namespace"/> is already resolved
/// (per-file metadata, else the project's root namespace); <paramref name="ClassName"/> is the
/// per-file override, applied when the file has a single executable process.
/// <paramref name="ProjectRelativePath"/> names the file uniquely within its project (it goes
/// into hint names); the full path when not known.
/// </summary>
public sealed record FlowFile(string Path, string Text, string Namespace, string? ClassName = null, string? ProjectRelativePath = null)
{
    /// <summary>
    /// Whether <c>flow:handler</c> names a handler the host registers (as Camunda's bindings do)
    /// instead of a partial method to write: set when a diagram is compiled at run time, where
    /// nobody writes the other half of the class.
    /// </summary>
    public bool BindHandlersByName { get; init; }
}
