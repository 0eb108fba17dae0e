using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>
/// A call activity's binding and data mapping, as Camunda Modeler writes them:
/// <c>camunda:calledElementBinding</c> (latest, deployment, version, versionTag),
/// <c>camunda:calledElementVersion</c>, <c>camunda:calledElementVersionTag</c>, and the
/// <c>camunda:in</c> / <c>camunda:out</c> elements of its extensionElements.
/// </summary>
public sealed record CallModel(SourceSpan CalledElementSpan)
{
    /// <summary>The binding as written (null: latest).</summary>
    public string? Binding { get; init; }

    public SourceSpan BindingSpan { get; init; }

    public string? Version { get; init; }

    public string? VersionTag { get; init; }

    /// <summary><c>flow:external="true"</c>: the called process is deployed from elsewhere, so its key is not checked at build time.</summary>
    public bool External { get; init; }

    /// <summary><c>camunda:in businessKey="…"</c> is present.</summary>
    public bool PassesBusinessKey { get; init; }

    public EquatableArray<CallMapping> Inputs { get; init; }

    public EquatableArray<CallMapping> Outputs { get; init; }
}

/// <summary>
/// One <c>camunda:in</c> or <c>camunda:out</c>: <c>source</c> (a variable) or
/// <c>sourceExpression</c> (C#) to <c>target</c>, or <c>variables="all"</c>.
/// </summary>
public sealed record CallMapping(string? Source, Expression? SourceExpression, string? Target, bool All, SourceSpan Span);
