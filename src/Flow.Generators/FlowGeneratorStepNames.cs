namespace Flow.Generators;

/// <summary>Tracking names of the generator's pipeline steps (public so tests can assert caching).</summary>
public static class FlowGeneratorStepNames
{
    /// <summary>Each BPMN file with its resolved options (path, text, namespace, class name).</summary>
    public const string Files = "Flow.Files";

    /// <summary>Each file compiled: sources, located diagnostics, process keys.</summary>
    public const string Compile = "Flow.Compile";

    /// <summary>The generated sources of each file (no positions, so moving text does not re-emit).</summary>
    public const string Sources = "Flow.Sources";

    /// <summary>The diagnostics of each file.</summary>
    public const string Diagnostics = "Flow.Diagnostics";

    /// <summary>The processes each file defines (keys and classes only), for cross-file checks.</summary>
    public const string Processes = "Flow.Processes";

    /// <summary>Diagnostics that need every file: duplicate keys and classes.</summary>
    public const string CrossFile = "Flow.CrossFile";
}
