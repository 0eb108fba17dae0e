using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>
/// A flow node (event, activity or gateway). <paramref name="ScopeId"/> is the id of the process
/// or sub-process that directly contains it; the graph is flat, scopes are just ids.
/// </summary>
public sealed record FlowNode(
    string Id,
    string? Name,
    FlowNodeKind Kind,
    string ScopeId,
    SourceSpan Span)
{
    public EquatableArray<EventDefinition> EventDefinitions { get; init; }

    /// <summary>For sub-processes: <c>triggeredByEvent="true"</c> (an event sub-process).</summary>
    public bool IsEventSubProcess { get; init; }

    /// <summary>For boundary events: the activity it is attached to.</summary>
    public string? AttachedToRef { get; init; }

    public SourceSpan AttachedToRefSpan { get; init; }

    /// <summary>For boundary events and event sub-process starts: whether they interrupt.</summary>
    public bool CancelActivity { get; init; } = true;

    public LoopKind Loop { get; init; }

    public SourceSpan LoopSpan { get; init; }

    /// <summary>The expressions and settings of the loop or multi-instance characteristics (null when <see cref="Loop"/> is None).</summary>
    public LoopDefinition? LoopDetails { get; init; }

    public bool IsForCompensation { get; init; }

    /// <summary>The <c>default</c> attribute of gateways and activities: a sequence flow id.</summary>
    public string? DefaultFlowId { get; init; }

    public SourceSpan DefaultFlowSpan { get; init; }

    /// <summary>For script tasks: the script and its language (<c>scriptFormat</c>).</summary>
    public Expression? Script { get; init; }

    /// <summary>For script tasks: <c>scriptFormat</c>, also when the script is not inline.</summary>
    public string? ScriptFormat { get; init; }

    /// <summary>For script tasks: an external script (<c>camunda:resource</c>), which we cannot compile.</summary>
    public string? ScriptResource { get; init; }

    public SourceSpan ScriptResourceSpan { get; init; }

    /// <summary>For call activities: <c>calledElement</c>.</summary>
    public string? CalledElement { get; init; }

    /// <summary>Where a <c>camunda:inputOutput</c> (of any extension namespace) stands in the node's extensionElements; none when absent.</summary>
    public SourceSpan InputOutputSpan { get; init; }

    /// <summary>The parameters of that <c>camunda:inputOutput</c>; null when absent.</summary>
    public InputOutputModel? InputOutput { get; init; }

    /// <summary>For call activities: the binding and the data mapping.</summary>
    public CallModel? Call { get; init; }

    /// <summary><c>flow:handler</c>: the handler method name, overriding the one derived from the name.</summary>
    public string? Handler { get; init; }

    /// <summary>
    /// A binding by name to a handler the host registers (<c>camunda:delegateExpression</c>,
    /// <c>camunda:class</c>, <c>camunda:expression</c>) as written, with the attribute that holds it
    /// (<see cref="Reading.HandlerBindings"/> reads the name out of it).
    /// </summary>
    public HandlerBindingText? HandlerBinding { get; init; }

    /// <summary>For wait states: the typed outputs completion sets (<c>flow:output</c>).</summary>
    public EquatableArray<VariableDeclaration> Outputs { get; init; }

    /// <summary>For error events: the error code (or name, or id) of the referenced error.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>
    /// What the event (or receive or send task) throws or catches by name: the referenced message's
    /// or signal's name (else its id), the escalation's code (else name, else id), the link name.
    /// Null for a catch-all error or escalation boundary and where no reference is given.
    /// </summary>
    public string? EventName { get; init; }

    /// <summary>A <c>messageRef</c>, <c>signalRef</c>, <c>errorRef</c> or <c>escalationRef</c> naming no element of that kind: "message 'Msg_1'".</summary>
    public string? UnresolvedReference { get; init; }

    public SourceSpan UnresolvedReferenceSpan { get; init; }

    /// <summary><c>flow:correlationKey</c> on a message catch: a C# expression over the data whose text is the key the instance waits for.</summary>
    public Expression? CorrelationKey { get; init; }

    /// <summary>Camunda's asynchronous continuation settings (<c>camunda:asyncBefore</c>, …); null when the node has none.</summary>
    public AsyncContinuation? Async { get; init; }

    public bool IsBlankEvent => Kind.IsEvent() && EventDefinitions.Count == 0;

    public bool HasDefinition(EventDefinitionKind kind)
    {
        foreach (var definition in EventDefinitions)
        {
            if (definition.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }
}
