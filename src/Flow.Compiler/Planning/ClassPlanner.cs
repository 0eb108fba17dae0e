using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Expressions;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Compiler.Reading;
using Flow.Compiler.Naming;
using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>
/// Decides everything about a process's generated class: its name, the data type, one handler
/// per service-like task, a completion per wait state, conditions and scripts as C#, and the
/// straight-line body when there is one. Generated names that collide are made distinct
/// deterministically (a task name falls back to the id, then a number is appended); only names
/// the user chose (flow:handler) that collide are FLOW1010.
/// </summary>
public static class ClassPlanner
{
    /// <summary>Names the generated class uses for its own members.</summary>
    private static readonly HashSet<string> Reserved = new(System.StringComparer.Ordinal)
    {
        "ProcessKey", "ProcessName", "SourceFile", "SourceHash", "DefinitionHash", "NodeIds", "Description", "Definition", "Data",
        "Instance", "StartAsync", "Resume", "ResumeFromJson", "DataType", "CreateInstance", "InvokeHandlerAsync",
        "EvaluateCondition", "RunScript", "SaveInputs", "ApplyOutputs", "HasStraightPath", "RunStraightAsync", "RunStraight", "Graph", "EvaluateTimer", "EvaluateEventCondition", "StartAtAsync", "Clock", "EvaluateCallInput",
    };

    private static readonly HashSet<FlowNodeKind> HandlerKinds = new()
    {
        FlowNodeKind.Task, FlowNodeKind.ServiceTask, FlowNodeKind.SendTask, FlowNodeKind.BusinessRuleTask,
    };

    private static readonly HashSet<FlowNodeKind> WaitKinds = new()
    {
        FlowNodeKind.UserTask, FlowNodeKind.ReceiveTask, FlowNodeKind.ManualTask,
    };

    public static ProcessClassPlan? Plan(ProcessModel process, string ns, string? className, string sourcePath, string sourceHash, List<FlowDiagnostic> diagnostics)
    {
        var type = className ?? CSharpNames.ProcessClass(process.Id, process.Name);
        if (Reserved.Contains(type))
        {
            type += "Process";
        }

        var names = new NameTable(diagnostics, type);
        if (process.DataType is { } dataType && !CSharpNames.IsValidNamespace(dataType))
        {
            // The name is written into the generated code as it is: nothing but a dotted name may pass.
            diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.InvalidDataType, process.Span, UnsafeCharacters.Visible(dataType), process.Id));
            names.Fail();
        }

        var nodes = new List<NodePlan>();
        var nodeIdentifiers = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var node in process.Nodes)
        {
            // Ids that become the same identifier ("Task-1", "Task_1") get a number, in document order.
            var identifier = names.NodeIds.ClaimFree(CSharpNames.Member(node.Id), node.Id);
            nodeIdentifiers[node.Id] = identifier;
            nodes.Add(new NodePlan(identifier, node.Id, node.Name, node.Kind, node.ScopeId)
            {
                ErrorCode = node.ErrorCode,
                Event = node.EventDefinitions.Count == 1 ? node.EventDefinitions[0].Kind
                    : node.Kind == FlowNodeKind.ReceiveTask && node.EventName is not null ? EventDefinitionKind.Message
                    : null,
                EventName = node.EventName,
                AttachedTo = node.Kind == FlowNodeKind.BoundaryEvent ? node.AttachedToRef : null,
                Interrupting = node.Kind is not (FlowNodeKind.BoundaryEvent or FlowNodeKind.StartEvent) || node.CancelActivity,
                IsEventSubProcess = node.IsEventSubProcess,
                Payload = node.Kind is FlowNodeKind.StartEvent or FlowNodeKind.IntermediateCatchEvent or FlowNodeKind.BoundaryEvent
                    ? node.Outputs.Where(IsWritable).Select(o => o.Name).ToEquatableArray()
                    : default,
                Timer = TimerOf(node),
                Loop = node.LoopDetails is not null && LoopShapes.IsSupportedBody(node) ? node.Loop : LoopKind.None,
                LoopTestBefore = node.LoopDetails?.TestBefore ?? false,
                LoopMaximum = LoopShapes.Maximum(node.LoopDetails?.LoopMaximum),
                Async = AsyncPlanner.Of(node),
            });
        }

        foreach (var variable in process.Variables)
        {
            // Conditions and scripts are methods of the data class, next to its properties.
            names.Expressions.Take(variable.Name, variable.Name);
        }

        var handlers = new List<HandlerPlan>();
        var handlerMethods = new HashSet<string>(System.StringComparer.Ordinal);
        var scripts = new List<ScriptPlan>();
        var waits = new List<WaitStatePlan>();
        for (var i = 0; i < process.Nodes.Count; i++)
        {
            var node = process.Nodes[i];
            if (HandlerKinds.Contains(node.Kind) || IsMessageThrow(node))
            {
                if (node.HandlerBinding is { } binding)
                {
                    // Bound by name to a handler the host registers: no method for the user to write.
                    if (HandlerBindings.NameOf(binding) is { } bound)
                    {
                        handlers.Add(new HandlerPlan(i, node.Id, "", node.Span) { Binding = bound });
                    }
                    else
                    {
                        diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.UnreadableHandlerBinding, binding.Span, binding.Attribute, UnsafeCharacters.Visible(binding.Text), node.Id));
                        names.Fail();
                    }

                    continue;
                }

                if (node.Handler is { } handler)
                {
                    // The user's own name: used as written, so a collision is theirs to resolve.
                    if (!CSharpNames.IsValidIdentifier(handler))
                    {
                        diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.InvalidHandlerName, node.Span, UnsafeCharacters.Visible(handler), node.Id));
                        names.Fail();
                    }
                    else if (handlerMethods.Contains(handler) || names.Members.Claim(handler, node.Id, node.Span))
                    {
                        handlerMethods.Add(handler);
                        handlers.Add(new HandlerPlan(i, node.Id, CSharpNames.Escape(handler), node.Span));
                    }

                    continue;
                }

                // Tasks drawn with the same name share one handler method; a name the class
                // already uses for something else falls back to the id, then gets a number.
                var primary = Labels(node).First();
                var method = Labels(node).Concat(Numbered(primary))
                    .First(m => (m == primary && handlerMethods.Contains(m)) || names.Members.IsFree(m));
                if (handlerMethods.Add(method))
                {
                    names.Members.Take(method, node.Id);
                }

                handlers.Add(new HandlerPlan(i, node.Id, CSharpNames.Escape(method), node.Span));
            }
            else if (node.Kind == FlowNodeKind.ScriptTask && node.Script is { } script && ExpressionLanguage.IsCSharp(script.Language)
                && PreprocessorDirectives.Find(script.Aligned) is null)
            {
                var method = names.Expressions.ClaimFree("__Script_" + nodeIdentifiers[node.Id].TrimStart('@'), node.Id);
                scripts.Add(new ScriptPlan(i, node.Id, method, script.Aligned, script.Span));
            }
            else if (WaitKinds.Contains(node.Kind))
            {
                // Outputs that are not identifiers with a type are FLOW3004, and never written.
                var outputs = node.Outputs.Where(IsWritable).ToEquatableArray();
                var hasResult = outputs.Count > 0;
                var label = Labels(node).Concat(Numbered(Labels(node).First()))
                    .First(l => names.Members.IsFree("Complete" + l + "Async") && (!hasResult || (names.Members.IsFree(l + "Result") && !RecordNames.HasParameter(outputs, l + "Result"))));
                var method = names.Members.Take("Complete" + label + "Async", node.Id);
                var result = hasResult ? names.Members.Take(label + "Result", node.Id) : null;
                waits.Add(new WaitStatePlan(node.Id, nodeIdentifiers[node.Id], method, result, outputs));
            }
        }

        var correlationKeys = new List<CorrelationKeyPlan>();
        var messages = new List<MessagePlan>();
        for (var i = 0; i < process.Nodes.Count; i++)
        {
            var node = process.Nodes[i];
            if (!IsMessageCatch(node))
            {
                continue;
            }

            if (node.CorrelationKey is { } key && key.Text.Trim().Length > 0 && PreprocessorDirectives.Find(key.Aligned) is null)
            {
                var method = names.Expressions.ClaimFree("__CorrelationKey_" + nodeIdentifiers[node.Id].TrimStart('@'), node.Id);
                correlationKeys.Add(new CorrelationKeyPlan(i, node.Id, method, key.Aligned, key.Span));
            }

            if (messages.Exists(m => m.MessageName == node.EventName))
            {
                continue;
            }

            var outputs = node.Outputs.Where(IsWritable).ToEquatableArray();
            var label = CSharpNames.Type(node.EventName!);
            label = new[] { label }.Concat(Numbered(label))
                .First(l => names.Members.IsFree("Correlate" + l + "Async") && (outputs.Count == 0 || (names.Members.IsFree(l + "Message") && !RecordNames.HasParameter(outputs, l + "Message"))));
            var correlate = names.Members.Take("Correlate" + label + "Async", node.Id);
            var payload = outputs.Count > 0 ? names.Members.Take(label + "Message", node.Id) : null;
            messages.Add(new MessagePlan(node.EventName!, correlate, payload, outputs));
        }

        var conditions = new List<ConditionPlan>();
        for (var f = 0; f < process.Flows.Count; f++)
        {
            var flow = process.Flows[f];
            if (flow.Condition is { } condition && condition.Text.Trim().Length > 0
                && ExpressionLanguage.IsSupportedConditionLanguage(condition.Language) && !ExpressionLanguage.IsFeel(condition.Text)
                && JuelTranslator.ToCSharp(condition.Aligned) is var code && PreprocessorDirectives.Find(code) is null)
            {
                var method = names.Expressions.ClaimFree("__Condition_" + CSharpNames.Member(flow.Id).TrimStart('@'), flow.Id);
                conditions.Add(new ConditionPlan(f, flow.Id, method, code, condition.Span));
            }
        }

        var timerExpressions = new List<TimerExpressionPlan>();
        for (var i = 0; i < process.Nodes.Count; i++)
        {
            if (TimerOf(process.Nodes[i]) is { Literal: null } && process.Nodes[i].EventDefinitions[0].TimerValues[0] is var value
                && TimerExpressions.ToCSharp(value) is var code && PreprocessorDirectives.Find(code) is null)
            {
                var method = names.Expressions.ClaimFree("__Timer_" + nodeIdentifiers[process.Nodes[i].Id].TrimStart('@'), process.Nodes[i].Id);
                timerExpressions.Add(new TimerExpressionPlan(i, process.Nodes[i].Id, method, code, value.Value.Span));
            }
        }

        var callInputs = new List<CallInputPlan>();
        for (var i = 0; i < process.Nodes.Count; i++)
        {
            if (CallOf(process.Nodes[i], nodeIdentifiers[process.Nodes[i].Id], names, callInputs, i) is { } call)
            {
                nodes[i] = nodes[i] with { Call = call };
            }
        }

        var eventConditions = new List<EventConditionPlan>();
        for (var i = 0; i < process.Nodes.Count; i++)
        {
            if (process.Nodes[i].EventDefinitions is { Count: 1 } definitions && definitions[0].Condition is { } condition
                && condition.Text.Trim().Length > 0
                && ExpressionLanguage.IsSupportedConditionLanguage(condition.Language) && !ExpressionLanguage.IsFeel(condition.Text)
                && JuelTranslator.ToCSharp(condition.Aligned) is var code && PreprocessorDirectives.Find(code) is null)
            {
                var method = names.Expressions.ClaimFree("__Condition_" + nodeIdentifiers[process.Nodes[i].Id].TrimStart('@'), process.Nodes[i].Id);
                eventConditions.Add(new EventConditionPlan(i, process.Nodes[i].Id, method, code, condition.Span));
            }
        }

        var inputOutputs = InputOutputPlanner.Plan(process, nodeIdentifiers, handlers, (name, owner) => names.Members.ClaimFree(name, owner), (name, owner) => names.Expressions.ClaimFree(name, owner));
        var loops = LoopPlanner.Plan(process, nodeIdentifiers, (name, owner) => names.Expressions.ClaimFree(name, owner));
        if (names.Collided)
        {
            return null;
        }

        var defaults = new HashSet<string>(process.Nodes.Where(n => n.DefaultFlowId is not null).Select(n => n.DefaultFlowId!), System.StringComparer.Ordinal);
        var flows = process.Flows
            .Select(f => new FlowPlan(f.Id, f.SourceRef, f.TargetRef, f.Condition?.Text, defaults.Contains(f.Id)))
            .ToEquatableArray();

        return new ProcessClassPlan(ns, type, process.Id, process.Name, System.IO.Path.GetFileName(sourcePath), sourcePath, sourceHash, DefinitionHash.Of(process), nodes.ToEquatableArray(), flows)
        {
            Data = DataPlanFor(process, ns),
            Handlers = handlers.ToEquatableArray(),
            Scripts = scripts.ToEquatableArray(),
            WaitStates = waits.ToEquatableArray(),
            Conditions = conditions.ToEquatableArray(),
            CorrelationKeys = correlationKeys.ToEquatableArray(),
            EventConditions = eventConditions.ToEquatableArray(),
            Messages = messages.ToEquatableArray(),
            TimerExpressions = timerExpressions.ToEquatableArray(),
            Loops = loops,
            CallInputs = callInputs.ToEquatableArray(),
            InputOutputs = inputOutputs.ToEquatableArray(),
            StraightLine = StraightLinePlanner.TryPlan(new ProcessGraph(process)),
        };
    }

    /// <summary>A call activity's plan (the rules report what is malformed; such mappings are left out).</summary>
    private static CallPlan? CallOf(FlowNode node, string identifier, NameTable names, List<CallInputPlan> inputs, int nodeIndex)
    {
        if (node.Kind != FlowNodeKind.CallActivity || node.Call is not { } call || node.CalledElement is not { } key)
        {
            return null;
        }

        var binding = call.Binding switch
        {
            "deployment" => "Deployment",
            "version" => "Version",
            _ => "Latest",
        };
        var version = binding == "Version" && int.TryParse(call.Version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
        var ins = new List<CallMappingPlan>();
        foreach (var mapping in call.Inputs)
        {
            if (mapping.All)
            {
                ins.Add(new CallMappingPlan(null, null, -1));
            }
            else if (mapping.Target is { } target && mapping.SourceExpression is { } expression && mapping.Source is null
                && JuelTranslator.ToCSharp(expression.Aligned) is var code && PreprocessorDirectives.Find(code) is null)
            {
                var method = names.Expressions.ClaimFree("__CallInput_" + identifier.TrimStart('@') + "_" + ins.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), node.Id);
                inputs.Add(new CallInputPlan(inputs.Count, nodeIndex, method, code, expression.Span));
                ins.Add(new CallMappingPlan(null, target, inputs.Count - 1));
            }
            else if (mapping.Source is { } element && mapping.Target is { } elementTarget && mapping.SourceExpression is null
                && (IsElementVariable(node, element) || InputOutputTypes.IsInputName(node, element)))
            {
                // The element of a multi-instance call, or an input parameter of the call, is no data member: it goes in as the value of its local.
                var method = names.Expressions.ClaimFree("__CallInput_" + identifier.TrimStart('@') + "_" + ins.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), node.Id);
                inputs.Add(new CallInputPlan(inputs.Count, nodeIndex, method, CSharpNames.Escape(element), mapping.Span));
                ins.Add(new CallMappingPlan(null, elementTarget, inputs.Count - 1));
            }
            else if (mapping.Source is { } source && mapping.Target is { } to && mapping.SourceExpression is null)
            {
                ins.Add(new CallMappingPlan(source, to, -1));
            }
        }

        var outs = call.Outputs
            .Where(m => m.All || (m.Source is not null && m.Target is not null && m.SourceExpression is null))
            .Select(m => m.All ? new CallMappingPlan(null, null, -1) : new CallMappingPlan(m.Source, m.Target, -1))
            .ToEquatableArray();
        return new CallPlan(key.Trim(), binding, version, ins.ToEquatableArray(), outs);
    }

    /// <summary>Whether <paramref name="name"/> is the element variable (or loopCounter) of the multi-instance call activity <paramref name="node"/>.</summary>
    internal static bool IsElementVariable(FlowNode node, string name) =>
        node.Loop is LoopKind.ParallelMultiInstance or LoopKind.SequentialMultiInstance && LoopShapes.IsSupportedBody(node)
        && (name == "loopCounter" || (node.LoopDetails?.ElementVariable is { } element && element == name && CSharpNames.IsValidIdentifier(element)));

    /// <summary>A message throw event or message end event: sending is a handler, like a send task's.</summary>
    private static bool IsMessageThrow(FlowNode node) =>
        node.Kind is FlowNodeKind.IntermediateThrowEvent or FlowNodeKind.EndEvent && node.EventDefinitions.Count == 1 && node.HasDefinition(EventDefinitionKind.Message);

    /// <summary>Where an instance waits for a message: catch event, boundary event, receive task with a messageRef.</summary>
    internal static bool IsMessageCatch(FlowNode node) =>
        node.EventName is not null
        && ((node.Kind is FlowNodeKind.IntermediateCatchEvent or FlowNodeKind.BoundaryEvent && node.EventDefinitions.Count == 1 && node.HasDefinition(EventDefinitionKind.Message))
            || node.Kind == FlowNodeKind.ReceiveTask);
    /// <summary>A timer event's plan when it has exactly one time (the rules report the rest): a literal, or null text for an expression.</summary>
    private static TimerPlan? TimerOf(FlowNode node)
    {
        if (node.EventDefinitions.Count != 1 || node.EventDefinitions[0].TimerValues is not { Count: 1 } values)
        {
            return null;
        }

        var text = values[0].Value.Text.Trim();
        return TimerExpressions.IsExpression(text) ? new TimerPlan(values[0].Kind, null) : new TimerPlan(values[0].Kind, text);
    }

    private static DataPlan DataPlanFor(ProcessModel process, string ns)
    {
        if (process.DataType is { } custom)
        {
            var dot = custom.LastIndexOf('.');
            return dot < 0 ? new DataPlan(ns, custom, default) : new DataPlan(custom.Substring(0, dot), custom.Substring(dot + 1), default);
        }

        var members = process.Variables
            .Where(IsWritable)
            .GroupBy(v => v.Name, System.StringComparer.Ordinal)
            .Select(g => g.First())
            .ToEquatableArray();
        return new DataPlan(null, null, members);
    }

    /// <summary>A declaration the generated code can hold: an identifier with a type (else FLOW3004).</summary>
    private static bool IsWritable(VariableDeclaration declaration) =>
        declaration.Type is { } type && CSharpNames.IsTypeText(type) && CSharpNames.IsValidIdentifier(declaration.Name);

    /// <summary>
    /// The names a task may get, best first: its name in PascalCase, then its id in PascalCase
    /// (the fallback when the name is taken).
    /// </summary>
    private static IEnumerable<string> Labels(FlowNode node)
    {
        yield return CSharpNames.Type(node.Name ?? node.Id);
        if (node.Name is not null)
        {
            yield return CSharpNames.Type(node.Id);
        }
    }

    /// <summary><paramref name="label"/>2, <paramref name="label"/>3, …: the last resort, deterministic in document order.</summary>
    private static IEnumerable<string> Numbered(string label)
    {
        for (var n = 2; ; n++)
        {
            yield return label + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The names one generated class hands out.</summary>
    private sealed class NameTable(List<FlowDiagnostic> diagnostics, string className)
    {
        private bool _failed;

        /// <summary>Constants of the nested NodeIds class (not named NodeIds: CS0542).</summary>
        public Claims NodeIds { get; } = new(diagnostics, new HashSet<string>(System.StringComparer.Ordinal) { "NodeIds" });

        /// <summary>Members of the class: not its reserved names, nor the class's own name (CS0542).</summary>
        public Claims Members { get; } = new(diagnostics, new HashSet<string>(Reserved, System.StringComparer.Ordinal) { className });

        /// <summary>Condition and script methods, members of the data class.</summary>
        public Claims Expressions { get; } = new(diagnostics, new HashSet<string>(System.StringComparer.Ordinal) { "Data" });

        public bool Collided => _failed || Members.Collided;

        public void Fail() => _failed = true;
    }

    /// <summary>
    /// Names taken in one C# scope, compared as C# compares identifiers (without formatting
    /// characters, without '@').
    /// </summary>
    private sealed class Claims(List<FlowDiagnostic> diagnostics, HashSet<string> reserved)
    {
        private readonly Dictionary<string, string> _owners = new(System.StringComparer.Ordinal);

        public bool Collided { get; private set; }

        public bool IsFree(string identifier)
        {
            var key = Key(identifier);
            return !reserved.Contains(key) && !_owners.ContainsKey(key);
        }

        /// <summary>Takes a name for <paramref name="ownerId"/>; it should be free (see <see cref="IsFree"/>).</summary>
        public string Take(string identifier, string ownerId)
        {
            _owners[Key(identifier)] = ownerId;
            return identifier;
        }

        /// <summary><paramref name="identifier"/> or, when taken, the first free of identifier_2, identifier_3, …</summary>
        public string ClaimFree(string identifier, string ownerId) => Take(FirstFree(identifier), ownerId);

        public string FirstFree(string identifier)
        {
            if (IsFree(identifier))
            {
                return identifier;
            }

            for (var n = 2; ; n++)
            {
                var candidate = identifier + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (IsFree(candidate))
                {
                    return candidate;
                }
            }
        }

        /// <summary>Takes a name the user chose; FLOW1010 when it is taken.</summary>
        public bool Claim(string identifier, string ownerId, SourceSpan span)
        {
            if (!IsFree(identifier))
            {
                var other = _owners.TryGetValue(Key(identifier), out var first) ? first : "a member the generated class already has";
                diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.IdentifierCollision, span, other, ownerId, identifier));
                Collided = true;
                return false;
            }

            _owners.Add(Key(identifier), ownerId);
            return true;
        }

        private static string Key(string identifier) => CSharpNames.Normalize(identifier.TrimStart('@'));
    }
}
