namespace Flow.Compiler.Emit;

/// <summary>Marks generated members that only the runtime calls, so IntelliSense offers the user the API, not the wiring.</summary>
internal static class Plumbing
{
    /// <summary>By the aliases <see cref="ProcessEmitter"/> declares at the top of the file.</summary>
    public const string Hidden = "[EditorBrowsable(EditorBrowsableState.Never)]";

    /// <summary>The aliases the file declares for <see cref="Hidden"/>; they bind these names only.</summary>
    public static readonly string[] Aliases =
    {
        "using EditorBrowsable = global::System.ComponentModel.EditorBrowsableAttribute;",
        "using EditorBrowsableState = global::System.ComponentModel.EditorBrowsableState;",
    };
}
