using System;
using System.Collections.Generic;

namespace Flow;

/// <summary>What a call activity calls and how data crosses (generated code creates it).</summary>
public sealed class CallDescription
{
    /// <summary>Creates a call description.</summary>
    public CallDescription(string calledElement, CallBinding binding, int version, IReadOnlyList<CallMappingDescription> inputs, IReadOnlyList<CallMappingDescription> outputs)
    {
        CalledElement = calledElement ?? throw new ArgumentNullException(nameof(calledElement));
        Binding = binding;
        Version = version;
        Inputs = inputs ?? Array.Empty<CallMappingDescription>();
        Outputs = outputs ?? Array.Empty<CallMappingDescription>();
    }

    /// <summary>The key of the called process.</summary>
    public string CalledElement { get; }

    /// <summary>Which version of the called process a call starts.</summary>
    public CallBinding Binding { get; }

    /// <summary>For <see cref="CallBinding.Version"/>: the process version number; else 0.</summary>
    public int Version { get; }

    /// <summary>The in mappings, in document order.</summary>
    public IReadOnlyList<CallMappingDescription> Inputs { get; }

    /// <summary>The out mappings, in document order.</summary>
    public IReadOnlyList<CallMappingDescription> Outputs { get; }
}

/// <summary>One in or out mapping of a call activity.</summary>
public sealed class CallMappingDescription
{
    /// <summary>Creates a mapping: <paramref name="source"/> to <paramref name="target"/>; both null for variables="all".</summary>
    public CallMappingDescription(string? source, string? target, int expressionIndex = -1)
    {
        Source = source;
        Target = target;
        ExpressionIndex = expressionIndex;
    }

    /// <summary>The variable read (null for an expression or for all variables).</summary>
    public string? Source { get; }

    /// <summary>The variable written (null for all variables).</summary>
    public string? Target { get; }

    /// <summary>For a sourceExpression: its number, passed to the process's expression dispatch; else -1.</summary>
    public int ExpressionIndex { get; }

    /// <summary>Whether it copies every variable (variables="all").</summary>
    public bool All => Target is null;
}

/// <summary>Camunda's <c>calledElementBinding</c>.</summary>
public enum CallBinding
{
    /// <summary>The newest version of the called process when the call starts (the default).</summary>
    Latest,

    /// <summary>The version deployed with the calling process (same deployment version).</summary>
    Deployment,

    /// <summary>A fixed process version number.</summary>
    Version,
}
