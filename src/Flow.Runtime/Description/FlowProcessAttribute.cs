using System;

namespace Flow;

/// <summary>
/// Marks a generated process class with what a deployment manifest needs, readable from
/// metadata without loading the assembly (the packaging task reads it with
/// System.Reflection.Metadata). Arguments are strings only, so any metadata reader decodes them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FlowProcessAttribute : Attribute
{
    /// <summary>Generated code applies this.</summary>
    public FlowProcessAttribute(string key, string? name, string definitionHash, string sourceFile, string sourceHash)
    {
        Key = key;
        Name = name;
        DefinitionHash = definitionHash;
        SourceFile = sourceFile;
        SourceHash = sourceHash;
    }

    /// <summary>The process key (BPMN process id).</summary>
    public string Key { get; }

    /// <summary>The process name, if drawn.</summary>
    public string? Name { get; }

    /// <summary>The definition version (SHA-256 of what the process means).</summary>
    public string DefinitionHash { get; }

    /// <summary>The BPMN file name.</summary>
    public string SourceFile { get; }

    /// <summary>SHA-256 of the BPMN file without its diagram interchange (layout), lower-case hex.</summary>
    public string SourceHash { get; }
}
