using System.Linq;
using Flow.Compiler.Planning;
using static Flow.Compiler.Emit.CSharpLiterals;

namespace Flow.Compiler.Emit;

/// <summary>The static description: key, name, source, hash, node ids, nodes and flows.</summary>
internal static class DescriptionWriter
{
    public static void Write(SourceWriter writer, ProcessClassPlan plan)
    {
        writer
            .Line("/// <summary>The process key (the BPMN process id).</summary>")
            .Line("public const string ProcessKey = " + String(plan.ProcessKey) + ";")
            .Line()
            .Line("/// <summary>The process name as drawn, or null.</summary>")
            .Line("public const string? ProcessName = " + String(plan.ProcessName) + ";")
            .Line()
            .Line("/// <summary>The BPMN file this class was generated from.</summary>")
            .Line("public const string SourceFile = " + String(plan.SourceFile) + ";")
            .Line()
            .Line("/// <summary>SHA-256 of the BPMN file without its layout, lower-case hex.</summary>")
            .Line("public const string SourceHash = " + String(plan.SourceHash) + ";")
            .Line()
            .Line("/// <summary>The definition's version: SHA-256 of what the process means.</summary>")
            .Line("public const string DefinitionHash = " + String(plan.DefinitionHash) + ";")
            .Line();

        // One line per node, without a comment: the description below says each node's kind and name.
        writer.Line("/// <summary>The ids of the process's flow nodes (<see cref=\"Description\"/> gives each one's kind and name).</summary>")
            .OpenBlock("public static class NodeIds")
            .RawLine("#pragma warning disable CS1591 // no comment per id: the description below says each node's kind and name");
        foreach (var node in plan.Nodes)
        {
            writer.Line("public const string " + node.Identifier + " = " + String(node.Id) + ";");
        }

        writer.RawLine("#pragma warning restore CS1591");

        writer.CloseBlock().Line();

        // Table data read by the runtime's builder, one short row per node and flow: a plain node
        // is its kind, id and name; only nodes with more to say are constructed in full.
        var ids = new NodeIdReferences(plan);
        writer.Line("/// <summary>The nodes and sequence flows of the process, as drawn.</summary>")
            .Line("public static global::Flow.ProcessDescription Description { get; } = global::Flow.ProcessDescriptionBuilder.Build(ProcessKey, ProcessName, SourceFile, SourceHash, DefinitionHash, " + Count(plan.Nodes.Count) + ", static d =>")
            .OpenBlock("");

        // A wait state's declared outputs: what the runtime accepts when a host completes it with JSON.
        var outputs = plan.WaitStates.Where(w => w.Outputs.Count > 0)
            .ToDictionary(w => w.NodeId, w => ", new string[] { " + string.Join(", ", w.Outputs.Select(o => String(o.Name))) + " }", System.StringComparer.Ordinal);
        var bindings = plan.Handlers.Where(h => h.Binding is not null).ToDictionary(h => h.NodeId, h => h.Binding!, System.StringComparer.Ordinal);
        var scope = plan.ProcessKey;
        foreach (var node in plan.Nodes)
        {
            var eventArguments = node.Event is { } kind
                ? ", global::Flow.EventKind." + kind + (node.ErrorCode is null ? "" : ", " + String(node.ErrorCode))
                : outputs.TryGetValue(node.Id, out var declared) ? declared : "";
            var initializer = EventInitializer(node, outputs, bindings);

            // A task bound by name and nothing else (most tasks of a Camunda export) is a short row too.
            var boundRow = eventArguments.Length == 0 && bindings.TryGetValue(node.Id, out var binding)
                && node.Kind is Model.FlowNodeKind.ServiceTask or Model.FlowNodeKind.SendTask or Model.FlowNodeKind.BusinessRuleTask
                && initializer == " { HandlerBinding = " + String(binding) + (node.Async is { } boundary ? ", " + AsyncWriter.Description(boundary) : "") + " }";
            if (!boundRow && (eventArguments.Length > 0 || initializer.Length > 0))
            {
                writer.Line("d.Node(new global::Flow.NodeDescription(" + String(node.Id) + ", " + String(node.Name) + ", global::Flow.NodeKind." + node.Kind + ", " + ids.Of(node.ScopeId) + eventArguments + ")" + initializer + ");");
                continue;
            }

            if (node.ScopeId != scope)
            {
                scope = node.ScopeId;
                writer.Line("d.Scope(" + (scope == plan.ProcessKey ? "null" : String(scope)) + ");");
            }

            writer.Line("d." + node.Kind + "(" + String(node.Id)
                + (boundRow ? ", " + String(node.Name) + ", binding: " + String(bindings[node.Id]) + (node.Async is { } rowAsync ? ", " + AsyncWriter.Argument(rowAsync) : "") : node.Name is null ? "" : ", " + String(node.Name)) + ");");
        }

        foreach (var flow in plan.Flows)
        {
            writer.Line("d." + (flow.IsDefault ? "DefaultFlow(" : "Flow(") + String(flow.Id) + ", " + String(flow.SourceId) + ", " + String(flow.TargetId)
                + (flow.Condition is null ? "" : ", " + String(flow.Condition)) + ");");
        }

        writer.CloseBlock(");")
            .Line()
            .Line("/// <inheritdoc/>")
            .Line("public override global::Flow.ProcessDescription Definition => Description;")
            .Line();
    }

    private static string Count(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What events add to a node's description (nothing for other nodes, so their code stays as it was).</summary>
    private static string EventInitializer(NodePlan node, System.Collections.Generic.Dictionary<string, string> waitOutputs, System.Collections.Generic.Dictionary<string, string> bindings)
    {
        var parts = new System.Collections.Generic.List<string>();
        if (bindings.TryGetValue(node.Id, out var binding))
        {
            parts.Add("HandlerBinding = " + String(binding));
        }

        if (node.Event is not null && waitOutputs.TryGetValue(node.Id, out var declared))
        {
            parts.Add("Outputs = " + declared.Substring(2));
        }
        else if (node.Payload.Count > 0)
        {
            parts.Add("Outputs = new string[] { " + string.Join(", ", node.Payload.Select(String)) + " }");
        }

        if (node.EventName is { } name)
        {
            parts.Add("EventName = " + String(name));
        }

        if (node.AttachedTo is { } host)
        {
            parts.Add("AttachedToId = " + String(host));
        }

        if (!node.Interrupting)
        {
            parts.Add("Interrupting = false");
        }

        if (node.IsEventSubProcess)
        {
            parts.Add("TriggeredByEvent = true");
        }

        if (node.Timer is { } timer)
        {
            parts.Add("Timer = new global::Flow.TimerDescription(global::Flow.TimerKind." + timer.Kind + ", " + String(timer.Literal) + ")");
        }

        if (node.Loop != Model.LoopKind.None)
        {
            var type = node.Loop == Model.LoopKind.Standard ? "Standard" : node.Loop.ToString();
            parts.Add("Loop = new global::Flow.LoopDescription(global::Flow.LoopType." + type + ", " + Bool(node.LoopTestBefore) + ", "
                + (node.LoopMaximum is { } max ? max.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null") + ")");
        }

        if (node.Call is { } call)
        {
            parts.Add("Call = new global::Flow.CallDescription(" + String(call.CalledElement) + ", global::Flow.CallBinding." + call.Binding + ", "
                + call.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " + Mappings(call.Inputs) + ", " + Mappings(call.Outputs) + ")");
        }

        if (node.Async is { } async)
        {
            parts.Add(AsyncWriter.Description(async));
        }

        return parts.Count == 0 ? "" : " { " + string.Join(", ", parts) + " }";
    }

    private static string Mappings(Flow.Compiler.Text.EquatableArray<CallMappingPlan> mappings) =>
        mappings.Count == 0
            ? "global::System.Array.Empty<global::Flow.CallMappingDescription>()"
            : "new global::Flow.CallMappingDescription[] { " + string.Join(", ", mappings.Select(m => "new global::Flow.CallMappingDescription("
                + String(m.Source) + ", " + String(m.Target) + (m.ExpressionIndex >= 0 ? ", " + m.ExpressionIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) : "") + ")")) + " }";
}
