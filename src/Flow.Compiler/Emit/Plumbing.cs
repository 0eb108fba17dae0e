namespace Flow.Compiler.Emit;

/// <summary>Marks generated members that only the runtime calls, so IntelliSense offers the user the API, not the wiring.</summary>
internal static class Plumbing
{
    public const string Hidden = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";
}
