using Flow.Compiler.Model;
using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>Everything the emitter needs for one process class, with all names decided.</summary>
public sealed record ProcessClassPlan(
    string Namespace,
    string ClassName,
    string ProcessKey,
    string? ProcessName,
    string SourceFile,
    string SourcePath,
    string SourceHash,
    string DefinitionHash,
    EquatableArray<NodePlan> Nodes,
    EquatableArray<FlowPlan> Flows)
{
    public string FullName => Namespace + "." + ClassName;

    public DataPlan Data { get; init; } = new(null, null, default);

    public EquatableArray<HandlerPlan> Handlers { get; init; }

    public EquatableArray<ConditionPlan> Conditions { get; init; }

    public EquatableArray<ScriptPlan> Scripts { get; init; }

    /// <summary>Timers written as C# expressions (methods of the data class, like conditions).</summary>
    public EquatableArray<TimerExpressionPlan> TimerExpressions { get; init; }

    public EquatableArray<WaitStatePlan> WaitStates { get; init; }

    /// <summary>The <c>flow:correlationKey</c> expressions of message catches.</summary>
    public EquatableArray<CorrelationKeyPlan> CorrelationKeys { get; init; }

    /// <summary>The conditions of conditional events (methods of the data class, like sequence-flow conditions).</summary>
    public EquatableArray<EventConditionPlan> EventConditions { get; init; }

    /// <summary>One typed <c>Correlate{Name}Async</c> per message the process catches.</summary>
    public EquatableArray<MessagePlan> Messages { get; init; }

    /// <summary>The expressions of loop and multi-instance activities.</summary>
    public EquatableArray<LoopPlan> Loops { get; init; }

    /// <summary>The C# sourceExpressions of call activities' in mappings (methods of the data class, like conditions).</summary>
    public EquatableArray<CallInputPlan> CallInputs { get; init; }

    /// <summary>The activities whose camunda:inputOutput parameters are applied.</summary>
    public EquatableArray<InputOutputPlan> InputOutputs { get; init; }

    /// <summary>The straight-line body, when the process has no wait state and a structured graph.</summary>
    public EquatableArray<Step>? StraightLine { get; init; }
}

public sealed record NodePlan(string Identifier, string Id, string? Name, FlowNodeKind Kind, string ScopeId)
{
    public EventDefinitionKind? Event { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>The message or signal name, escalation code or link name (see FlowNode.EventName).</summary>
    public string? EventName { get; init; }

    public string? AttachedTo { get; init; }

    public bool Interrupting { get; init; } = true;

    public bool IsEventSubProcess { get; init; }

    /// <summary>For message and signal starts and catches: the data members the event's payload sets.</summary>
    public EquatableArray<string> Payload { get; init; }
    /// <summary>For timer events: the kind and, for a literal, its text (null for an expression).</summary>
    public TimerPlan? Timer { get; init; }

    /// <summary>For loop and multi-instance activities: how they repeat (None otherwise).</summary>
    public LoopKind Loop { get; init; }

    public bool LoopTestBefore { get; init; }

    public int? LoopMaximum { get; init; }

    /// <summary>For call activities: what they call and how data crosses.</summary>
    public CallPlan? Call { get; init; }

    /// <summary>Camunda's asynchronous continuation (asyncBefore/asyncAfter and its job settings); null when the node has none.</summary>
    public AsyncPlan? Async { get; init; }
}

/// <summary>A node's job boundary: before and/or after it, exclusive, its priority and retry cycle (null: the default of 3 attempts).</summary>
public sealed record AsyncPlan(bool Before, bool After, bool Exclusive, int Priority, string? RetryCycle);

/// <summary>A call activity's called key, binding (Latest, Deployment, Version) and mappings.</summary>
public sealed record CallPlan(string CalledElement, string Binding, int Version, EquatableArray<CallMappingPlan> Inputs, EquatableArray<CallMappingPlan> Outputs);

/// <summary>One mapping: source to target (both null: all variables), or expression <paramref name="ExpressionIndex"/> to target.</summary>
public sealed record CallMappingPlan(string? Source, string? Target, int ExpressionIndex);

/// <summary>A call activity's in mapping written as C# (a method of the data class returning the value).</summary>
public sealed record CallInputPlan(int Index, int NodeIndex, string MethodName, string CSharp, SourceSpan Span);

/// <summary>A timer's kind (timeDuration, timeDate, timeCycle) and its ISO 8601 literal, or null when it is an expression.</summary>
public sealed record TimerPlan(TimerDefinitionKind Kind, string? Literal);

/// <summary>A timer expression as C# returning a TimerValue (column-preserving translation of the diagram's text).</summary>
public sealed record TimerExpressionPlan(int NodeIndex, string NodeId, string MethodName, string CSharp, SourceSpan Span);

public sealed record FlowPlan(string Id, string SourceId, string TargetId, string? Condition, bool IsDefault);

/// <summary>
/// The process data: the user's type (<paramref name="CustomNamespace"/>.<paramref name="CustomName"/>)
/// or a generated nested <c>Data</c> class with <paramref name="Members"/>.
/// </summary>
public sealed record DataPlan(string? CustomNamespace, string? CustomName, EquatableArray<VariableDeclaration> Members)
{
    public bool IsCustom => CustomName is not null;
}

public sealed record HandlerPlan(int NodeIndex, string NodeId, string MethodName, SourceSpan Span)
{
    /// <summary>The name of the host's handler the task is bound to (no method to write then), or null.</summary>
    public string? Binding { get; init; }

    /// <summary>The generated method that evaluates the task's input parameters, runs the handler and writes its outputs; null without parameters.</summary>
    public string? Runner { get; init; }

    /// <summary>
    /// The call that runs the handler with <paramref name="context"/>: the user's method (with a
    /// multi-instance element argument, <paramref name="element"/> ending in ", ", when it has one),
    /// or the bound handler through the engine (which reads the loop from the context).
    /// </summary>
    public string Call(string context, string element = "") =>
        Runner is not null ? Runner + "(" + context + ", cancellationToken)"
        : Binding is null
            ? MethodName + "(" + context + ", " + element + "cancellationToken)"
            : "InvokeBoundHandlerAsync(" + NodeIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " + context + ", cancellationToken)";
}

/// <summary>A condition as C# (column-preserving translation of the diagram's text).</summary>
public sealed record ConditionPlan(int FlowIndex, string FlowId, string MethodName, string CSharp, SourceSpan Span);

public sealed record ScriptPlan(int NodeIndex, string NodeId, string MethodName, string CSharp, SourceSpan Span);

/// <summary>A wait state's typed completion: <c>Complete{Name}Async</c>, with a result record when it has outputs.</summary>
public sealed record WaitStatePlan(string NodeId, string NodeIdentifier, string MethodName, string? ResultType, EquatableArray<VariableDeclaration> Outputs);

/// <summary>A message catch's correlation key: a C# expression over the data, a method of the data class.</summary>
/// <summary>The condition of a conditional event as C# returning bool (column-preserving translation of the diagram's text).</summary>
public sealed record EventConditionPlan(int NodeIndex, string NodeId, string MethodName, string CSharp, SourceSpan Span);

public sealed record CorrelationKeyPlan(int NodeIndex, string NodeId, string MethodName, string CSharp, SourceSpan Span);

/// <summary>A message the process catches: <c>Correlate{Name}Async</c>, with a payload record when the message declares outputs.</summary>
public sealed record MessagePlan(string MessageName, string MethodName, string? PayloadType, EquatableArray<VariableDeclaration> Outputs);
