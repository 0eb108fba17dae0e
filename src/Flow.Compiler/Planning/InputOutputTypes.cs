using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Flow.Compiler.Expressions;
using Flow.Compiler.Model;

namespace Flow.Compiler.Planning;

/// <summary>
/// The C# types of input/output parameters. An input local's type is its <c>flow:type</c>, else
/// the type of its value (a text constant is a string; an expression that is a literal or names a
/// declared variable has that type; a list or map of values of one type is a <c>List</c> or
/// <c>Dictionary</c> of it), else the type of the process variable it shadows. An output's value
/// takes the type of the process variable it writes.
/// </summary>
internal static class InputOutputTypes
{
    public const string ListType = "global::System.Collections.Generic.List<";
    public const string MapType = "global::System.Collections.Generic.Dictionary<string, ";

    /// <summary>The activity kinds whose parameters are applied.</summary>
    public static bool IsApplied(FlowNode node) =>
        node.Kind is FlowNodeKind.Task or FlowNodeKind.ServiceTask or FlowNodeKind.SendTask or FlowNodeKind.BusinessRuleTask or FlowNodeKind.ScriptTask
            or FlowNodeKind.UserTask or FlowNodeKind.ReceiveTask or FlowNodeKind.ManualTask
        || node.Kind is FlowNodeKind.CallActivity or FlowNodeKind.SubProcess or FlowNodeKind.Transaction   // event sub-processes too: inputs when triggered, outputs when completed
        || IsEvent(node);

    /// <summary>The events whose parameters are applied: intermediate catch and throw events, end events (Camunda refuses them on start and boundary events).</summary>
    public static bool IsEvent(FlowNode node) => node.Kind is FlowNodeKind.IntermediateCatchEvent or FlowNodeKind.IntermediateThrowEvent or FlowNodeKind.EndEvent;

    /// <summary>Where Camunda does not allow camunda:inputOutput at all (FLOW1246): start and boundary events, gateways.</summary>
    public static string? Disallowed(FlowNode node) => node.Kind switch
    {
        FlowNodeKind.StartEvent => "start event",
        FlowNodeKind.BoundaryEvent => "boundary event",
        FlowNodeKind.ExclusiveGateway or FlowNodeKind.InclusiveGateway or FlowNodeKind.ParallelGateway or FlowNodeKind.EventBasedGateway or FlowNodeKind.ComplexGateway => "gateway",
        _ => null,
    };

    /// <summary>A message throw or end event: its handler sends the message, and runs between its inputs and outputs as a task's does.</summary>
    private static bool IsMessageThrow(FlowNode node) =>
        node.Kind is FlowNodeKind.IntermediateThrowEvent or FlowNodeKind.EndEvent && node.EventDefinitions.Count == 1 && node.HasDefinition(EventDefinitionKind.Message);

    /// <summary>A sub-process or transaction whose inputs are applied: local variables of its scope, visible to everything inside it.</summary>
    public static bool IsScope(FlowNode node) => node.Kind is FlowNodeKind.SubProcess or FlowNodeKind.Transaction && IsApplied(node);

    /// <summary>Whether the token keeps the node's inputs while it waits (a wait state or a call activity), so its outputs see them at completion.</summary>
    public static bool SavesInputs(FlowNode node) =>
        IsWaitState(node) || node.Kind is FlowNodeKind.CallActivity or FlowNodeKind.SubProcess or FlowNodeKind.Transaction || (IsEvent(node) && !IsMessageThrow(node));

    /// <summary>The names of a node's applied inputs (a call activity's camunda:in source may name one: the local wins over the process variable).</summary>
    public static bool IsInputName(FlowNode node, string name) =>
        node.InputOutput is { } io && IsApplied(node) && io.Inputs.Any(i => i.Name == name && !ScriptValues.IsLeftOut(i.Value));

    public static bool IsWaitState(FlowNode node) => node.Kind is FlowNodeKind.UserTask or FlowNodeKind.ReceiveTask or FlowNodeKind.ManualTask;

    /// <summary>Why a node's parameters are not applied (FLOW1206), or null when they are.</summary>
    public static string? NotApplied(FlowNode node) => IsApplied(node) ? null : "on " + Describe(node.Kind);

    private static string Describe(FlowNodeKind kind) => kind switch
    {
        FlowNodeKind.AdHocSubProcess => "an ad-hoc sub-process, which Flow does not run (FLOW4002)",
        _ => "a " + kind + ", where Flow does not apply them",
    };

    /// <summary>The type of input <paramref name="parameter"/>'s local, or null (with <paramref name="why"/>) when it has none.</summary>
    public static string? InputType(InputOutputParameter parameter, IReadOnlyDictionary<string, string> variables, out string why)
    {
        why = "";
        if (parameter.DeclaredType is { Length: > 0 } declared)
        {
            // Written into the generated code as it is: only a type's text, never a line end, ';' or braces.
            if (Naming.CSharpNames.IsTypeText(declared))
            {
                return declared;
            }

            why = "its flow:type is not a C# type name";
            return null;
        }

        if (ValueType(parameter.Value, variables) is { } inferred)
        {
            return inferred;
        }

        if (variables.TryGetValue(parameter.Name, out var shadowed))
        {
            return shadowed;
        }

        why = parameter.Value.Kind switch
        {
            ParameterValueKind.Empty => "it has no value",
            ParameterValueKind.List or ParameterValueKind.Map => "its values are not all of one known type",
            ParameterValueKind.Script => "its script is not a literal or a declared variable",
            _ => "its expression is not a literal or a declared variable",
        };
        return null;
    }

    /// <summary>The type a value has by itself; null when it cannot be told without compiling it.</summary>
    public static string? ValueType(ParameterValue value, IReadOnlyDictionary<string, string> variables)
    {
        switch (value.Kind)
        {
            case ParameterValueKind.Text:
                return "string";
            case ParameterValueKind.Expression:
                return ExpressionType(JuelTranslator.ToCSharp(value.Value!.Aligned).Trim(), variables);
            case ParameterValueKind.Script when ScriptValues.IsRunnable(value) && ScriptValues.ExpressionCode(value) is { } code:
                return ExpressionType(code.Trim(), variables);
            case ParameterValueKind.List or ParameterValueKind.Map when value.Items.Count > 0:
                var types = value.Items.Select(i => ValueType(i, variables)).Distinct().ToList();
                return types.Count == 1 && types[0] is { } element
                    ? (value.Kind == ParameterValueKind.List ? ListType : MapType) + element + ">"
                    : null;
            default:
                return null;
        }
    }

    private static readonly Regex Identifier = new(@"^@?[\p{L}_][\p{L}\p{Nd}_]*$", RegexOptions.CultureInvariant);
    private static readonly Regex Int = new(@"^-?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex Long = new(@"^-?[0-9]+[lL]$", RegexOptions.CultureInvariant);
    private static readonly Regex Decimal = new(@"^-?[0-9]+(\.[0-9]+)?[mM]$", RegexOptions.CultureInvariant);
    private static readonly Regex Double = new(@"^-?[0-9]+\.[0-9]+([eE][-+]?[0-9]+)?[dD]?$", RegexOptions.CultureInvariant);
    private static readonly Regex StringLiteral = new(@"^""([^""\\]|\\.)*""$", RegexOptions.CultureInvariant);

    private static string? ExpressionType(string code, IReadOnlyDictionary<string, string> variables) =>
        code is "true" or "false" ? "bool"
        : Int.IsMatch(code) ? "int"
        : Long.IsMatch(code) ? "long"
        : Decimal.IsMatch(code) ? "decimal"
        : Double.IsMatch(code) ? "double"
        : StringLiteral.IsMatch(code) ? "string"
        : Identifier.IsMatch(code) && variables.TryGetValue(code.TrimStart('@'), out var type) ? type
        : null;

    /// <summary>The element type of a <c>List&lt;T&gt;</c>-like type (the last generic argument of a map), or null when the type has none.</summary>
    public static string? ItemType(string collectionType, bool map)
    {
        var open = collectionType.IndexOf('<');
        if (open < 0 || !collectionType.EndsWith(">", System.StringComparison.Ordinal))
        {
            return null;
        }

        var arguments = SplitTopLevel(collectionType.Substring(open + 1, collectionType.Length - open - 2));
        return map ? (arguments.Count == 2 ? arguments[1].Trim() : null) : (arguments.Count == 1 ? arguments[0].Trim() : null);
    }

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '<' ? 1 : text[i] == '>' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                parts.Add(text.Substring(start, i - start));
                start = i + 1;
            }
        }

        parts.Add(text.Substring(start));
        return parts;
    }

    /// <summary>Whether a value of <paramref name="type"/> can be built from <paramref name="value"/> (lists and maps need a generic collection type, as deep as they nest).</summary>
    public static bool CanBuild(ParameterValue value, string type) => value.Kind switch
    {
        ParameterValueKind.List => ItemType(type, map: false) is { } item && value.Items.All(i => CanBuild(i, item)),
        ParameterValueKind.Map => ItemType(type, map: true) is { } entry && value.Items.All(i => CanBuild(i, entry)),
        ParameterValueKind.Script => ScriptValues.IsRunnable(value),
        ParameterValueKind.Composite or ParameterValueKind.Unknown => false,
        _ => true,
    };

    /// <summary>Whether a value holds a script or a composite text anywhere (then it is not applied or refused).</summary>
    public static bool Contains(ParameterValue value, ParameterValueKind kind) =>
        value.Kind == kind || value.Items.Any(i => Contains(i, kind));

    /// <summary>
    /// The types of an activity's inputs in order, each inferred with the process variables and the
    /// inputs before it in scope (as its value is evaluated); null where one has none.
    /// </summary>
    public static List<string?> InputTypes(IEnumerable<InputOutputParameter> inputs, IReadOnlyDictionary<string, string> variables)
    {
        var scope = new Dictionary<string, string>(variables.ToDictionary(p => p.Key, p => p.Value), System.StringComparer.Ordinal);
        var types = new List<string?>();
        foreach (var input in inputs)
        {
            var type = InputType(input, scope, out _);
            types.Add(type);
            if (type is not null)
            {
                scope[input.Name] = type;
            }
        }

        return types;
    }

    public static Dictionary<string, string> Variables(ProcessModel process) =>
        process.Variables.Where(v => v.Type is not null).GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.First().Type!, System.StringComparer.Ordinal);

    /// <summary>
    /// What an activity's input values see besides each other: the process variables and, on a
    /// loop or multi-instance activity, its loop variables (<c>loopCounter</c>, <c>nrOf…</c> as
    /// <c>int</c>; the element variable as the collection's element type when known).
    /// </summary>
    public static Dictionary<string, string> Scope(ProcessModel process, FlowNode node)
    {
        var scope = Variables(process);
        foreach (var (name, inputType) in ScopeInputTypes(process, node))
        {
            scope[name] = inputType;
        }

        if (node.Loop == LoopKind.None)
        {
            return scope;
        }

        foreach (var counter in LoopShapes.LoopVariables)
        {
            scope[counter] = "int";
        }

        if (node.LoopDetails is { Collection: not null, ElementVariable: { } element } loop && node.Loop != LoopKind.Standard && LoopShapes.ElementType(process, loop) is { } type)
        {
            scope[element] = type;
        }

        return scope;
    }

    /// <summary>The typed inputs of the sub-processes around <paramref name="node"/>, outermost first (an inner one's replace an outer one's).</summary>
    private static List<(string Name, string Type)> ScopeInputTypes(ProcessModel process, FlowNode node)
    {
        var around = new List<FlowNode>();
        for (var id = TriggerScopes.ScopeAround(process, node); !string.IsNullOrEmpty(id) && id != process.Id && around.Count < 64;)
        {
            var scope = process.Nodes.FirstOrDefault(n => n.Id == id);
            if (scope is null)
            {
                break;
            }

            if (scope.InputOutput is not null && IsScope(scope))
            {
                around.Insert(0, scope);
            }

            id = scope.ScopeId;
        }

        var types = new List<(string, string)>();
        foreach (var scope in around)
        {
            var inputs = scope.InputOutput!.Inputs;
            var scopeTypes = InputTypes(inputs, Scope(process, scope));
            for (var i = 0; i < inputs.Count; i++)
            {
                if (scopeTypes[i] is { } type && inputs[i].Name.Length > 0)
                {
                    types.Add((inputs[i].Name, type));
                }
            }
        }

        return types;
    }
}
