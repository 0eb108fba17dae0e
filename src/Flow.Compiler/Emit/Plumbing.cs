namespace Flow.Compiler.Emit;

/// <summary>Marks generated members that only the runtime calls, so IntelliSense offers the user the API, not the wiring.</summary>
internal static class Plumbing
{
    /// <summary>
    /// Fully qualified, as every framework type the generated code names: an alias or a simple name
    /// would bind to a member of the class it stands in (a property <c>EditorBrowsableState</c> of
    /// the user's data class made every attribute CS0120) or to a type of the project's namespace.
    /// </summary>
    public const string Hidden = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";
}
