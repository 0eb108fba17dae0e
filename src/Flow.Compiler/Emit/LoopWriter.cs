using System.Linq;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>
/// The generated side of loops and multi-instance: data-class methods for the count, the typed
/// element, the completion and loop conditions and the output (each expression under #line at
/// its place in the .bpmn), and the overrides the engine calls by node index.
/// </summary>
internal static class LoopWriter
{
    private const string Loop = "__loop";

    public static void WriteDataMethods(SourceWriter writer, ProcessClassPlan plan)
    {
        foreach (var loop in plan.Loops)
        {
            var node = ElementComments.Node(plan.Nodes[loop.NodeIndex], sentenceStart: false);
            if (loop.Instances is { } instances)
            {
                // A collection goes through LoopCollections.Count, which takes any IEnumerable<T>: another type is a C# error at the collection.
                writer.Line("/// <summary>How many elements the multi-instance " + node + " has.</summary>")
                    .Line(Plumbing.Hidden)
                    .OpenBlock("internal int " + instances.MethodName + ScopeInputsWriter.Parameters(plan, loop.NodeIndex));
                ScopeInputsWriter.WriteExpressionLocals(writer, plan, loop.NodeIndex);
                LineMappings.WriteMapped(writer, plan.SourcePath, instances.Span, loop.FromCollection ? "return global::Flow.LoopCollections.Count(" : "return ", instances.CSharp, loop.FromCollection ? ");" : ";");
                writer.CloseBlock().Line();
            }

            if (loop.Element is { } element)
            {
                writer.Line("/// <summary>The element of the multi-instance " + node + " at " + (SeesScopes(plan, loop) ? "the loopCounter of <paramref name=\"" + ScopeInputsWriter.ExpressionLoop + "\"/>" : "<paramref name=\"loopCounter\"/>") + ".</summary>")
                    .Line(Plumbing.Hidden)
                    .OpenBlock("internal " + loop.ElementType + " " + element.MethodName + (SeesScopes(plan, loop) ? "(global::Flow.LoopInfo " + ScopeInputsWriter.ExpressionLoop + ")" : "(int loopCounter)"));
                if (SeesScopes(plan, loop))
                {
                    writer.Line("var loopCounter = " + ScopeInputsWriter.ExpressionLoop + ".LoopCounter;");
                    ScopeInputsWriter.WriteExpressionLocals(writer, plan, loop.NodeIndex, "loopCounter");
                }

                LineMappings.WriteMapped(writer, plan.SourcePath, element.Span, "return global::Flow.LoopCollections.ElementAt(", element.CSharp, ", loopCounter);");
                writer.CloseBlock().Line();
                // What code of the body (and of a compensation handler of an element) reads: the saved element in a handler, else the collection's.
                writer.Line("/// <summary>The element of the multi-instance " + node + " that <paramref name=\"loop\"/> is at (in a compensation handler: as saved when it completed).</summary>")
                    .Line(Plumbing.Hidden)
                    .Line("internal " + loop.ElementType + " " + ElementOf(element) + "(global::Flow.LoopInfo loop) =>")
                    .Line("\tloop.SavedElement is { } saved ? global::Flow.LoopElementJson.Read<" + loop.ElementType + ">(saved) : " + ElementCall(plan, loop, "loop") + ";")
                    .Line();
            }

            if (loop.Completion is { } completion)
            {
                WriteWithLoopVariables(writer, plan, loop, "The completion condition of " + node, "bool", completion.MethodName, "global::Flow.LoopInfo " + Loop);
                LineMappings.WriteMapped(writer, plan.SourcePath, completion.Span, "return ", completion.CSharp, ";");
                writer.CloseBlock().Line();
            }

            if (loop.Condition is { } condition)
            {
                WriteWithLoopVariables(writer, plan, loop, "The loop condition of " + node, "bool", condition.MethodName, "global::Flow.LoopInfo " + Loop);
                LineMappings.WriteMapped(writer, plan.SourcePath, condition.Span, "return ", condition.CSharp, ";");
                writer.CloseBlock().Line();
            }

            if (loop.Output is { } output && loop.OutputCollection is { } collection)
            {
                // Store takes a List<T> and a T: a collection of another type is a C# error at the output element.
                WriteWithLoopVariables(writer, plan, loop, "Gathers the output of an element of " + node, "void", output.MethodName, "global::Flow.LoopInfo " + Loop);
                LineMappings.WriteMapped(writer, plan.SourcePath, output.Span, collection + " = global::Flow.LoopCollections.Store(" + collection + ", loopCounter, ", output.CSharp, ");");
                writer.CloseBlock().Line();
            }
        }
    }

    private static void WriteWithLoopVariables(SourceWriter writer, ProcessClassPlan plan, LoopPlan loop, string summary, string returns, string method, string parameter)
    {
        writer.Line("/// <summary>" + summary + ".</summary>")
            .Line(Plumbing.Hidden)
            .OpenBlock("internal " + returns + " " + method + "(" + parameter + ")");
        WriteLoopVariables(writer, loop, Loop);
        if (SeesScopes(plan, loop))
        {
            // The inputs of the sub-processes around the activity; its loop variables hide those of their names.
            ScopeInputsWriter.WriteLocals(writer, plan, loop.NodeIndex, Loop, loop);
        }
    }

    /// <summary>Whether the loop's expressions see the inputs of sub-processes around the activity (their methods then take the LoopInfo that carries them).</summary>
    public static bool SeesScopes(ProcessClassPlan plan, LoopPlan loop) => ScopeInputsWriter.Any(plan, loop.NodeIndex);

    /// <summary>A call of the method that reads the element at <paramref name="info"/> (a LoopInfo expression) from the collection.</summary>
    public static string ElementCall(ProcessClassPlan plan, LoopPlan loop, string info) =>
        loop.Element!.MethodName + (SeesScopes(plan, loop) ? "(" + info + ")" : "(" + info + ".LoopCounter)");

    /// <summary>Camunda's loop variables as locals (and the element under its variable's name), read from <paramref name="source"/> (a LoopInfo).</summary>
    public static void WriteLoopVariables(SourceWriter writer, LoopPlan loop, string source)
    {
        writer.Line("var loopCounter = " + source + ".LoopCounter;")
            .Line("var nrOfInstances = " + source + ".NrOfInstances;")
            .Line("var nrOfActiveInstances = " + source + ".NrOfActiveInstances;")
            .Line("var nrOfCompletedInstances = " + source + ".NrOfCompletedInstances;");
        if (loop.Element is { } element)
        {
            writer.Line(loop.ElementType + " " + loop.ElementVariable + " = " + ElementOf(element) + "(" + source + ");");
        }
    }

    public static LoopPlan? For(ProcessClassPlan plan, int nodeIndex) => plan.Loops.FirstOrDefault(l => l.NodeIndex == nodeIndex);

    /// <summary>The data-class method that reads the element a <c>LoopInfo</c> is at (see <see cref="WriteDataMethods"/>).</summary>
    public static string ElementOf(LoopExpressionPlan element) => element.MethodName + "_At";

    /// <summary>The argument that hands a handler of the node at <paramref name="nodeIndex"/> its element (with a trailing comma), or "".</summary>
    public static string ElementArgument(ProcessClassPlan plan, int nodeIndex) =>
        ElementSeenBy(plan, nodeIndex) is { Element: { } element } ? "context.Data." + ElementOf(element) + "(context.Loop), " : "";

    /// <summary>
    /// The loop whose element variable and loop variables the code of a node sees: its own loop, else
    /// the looped activity that the node (a compensation handler), or the handler sub-process around
    /// it, undoes (the handler runs once per completed element, with that element), else the
    /// innermost looped sub-process around it.
    /// </summary>
    public static LoopPlan? ElementSeenBy(ProcessClassPlan plan, int nodeIndex)
    {
        if (For(plan, nodeIndex) is { } own)
        {
            return own;
        }

        for (var index = nodeIndex; index >= 0; index = IndexOf(plan, plan.Nodes[index].ScopeId))
        {
            if (Compensated(plan, index) is { } undone)
            {
                return undone;
            }

            if (index != nodeIndex && plan.Nodes[index].Kind is Flow.Compiler.Model.FlowNodeKind.SubProcess or Flow.Compiler.Model.FlowNodeKind.Transaction && For(plan, index) is { } enclosing)
            {
                return enclosing;
            }
        }

        return null;
    }

    /// <summary>
    /// The loop of the activity whose compensation handler is the node at <paramref name="handlerIndex"/>;
    /// null when it undoes no looped activity, or several activities (FLOW1315: no element then).
    /// </summary>
    public static LoopPlan? Compensated(ProcessClassPlan plan, int handlerIndex)
    {
        var handler = plan.Nodes[handlerIndex].Id;
        LoopPlan? found = null;
        var hosts = 0;
        foreach (var boundary in plan.Nodes)
        {
            if (boundary.Event == Flow.Compiler.Model.EventDefinitionKind.Compensate && boundary.AttachedTo is { } host && boundary.EventName == handler)
            {
                hosts++;
                found = IndexOf(plan, host) is var index and >= 0 ? For(plan, index) : null;
            }
        }

        return hosts == 1 ? found : null;
    }

    /// <summary>
    /// The loop whose element a node's code sees: its own, else the innermost looped sub-process
    /// around it (each element of which is a scope; the engine hands its nodes that element's LoopInfo).
    /// </summary>
    public static LoopPlan? ForBody(ProcessClassPlan plan, int nodeIndex)
    {
        if (For(plan, nodeIndex) is { } own)
        {
            return own;
        }

        for (var scope = plan.Nodes[nodeIndex].ScopeId; ;)
        {
            var index = IndexOf(plan, scope);
            if (index < 0)
            {
                return null;
            }

            if (plan.Nodes[index].Kind is Flow.Compiler.Model.FlowNodeKind.SubProcess or Flow.Compiler.Model.FlowNodeKind.Transaction && For(plan, index) is { } enclosing)
            {
                return enclosing;
            }

            scope = plan.Nodes[index].ScopeId;
        }
    }

    private static int IndexOf(ProcessClassPlan plan, string id) => NodeIndexes.Of(plan, id);

    /// <summary>Whether the in mappings of the call activity at <paramref name="nodeIndex"/> see an element (it loops).</summary>
    public static bool IsLoopedCall(ProcessClassPlan plan, int nodeIndex) => For(plan, nodeIndex) is not null;

    public static void WriteOverrides(SourceWriter writer, ProcessClassPlan plan, EmitNames names)
    {
        string Comment(LoopPlan loop) => ElementComments.Node(plan.Nodes[loop.NodeIndex]);
        DispatchWriter.Switch(
            writer,
            "protected override int LoopInstances(int nodeIndex, " + names.Data + " data)",
            "nodeIndex",
            plan.Loops.Where(l => l.Instances is not null && !SeesScopes(plan, l)).Select(l => (l.NodeIndex, Comment(l), "return data." + l.Instances!.MethodName + "();")),
            "return base.LoopInstances(nodeIndex, data);");
        DispatchWriter.Switch(
            writer,
            "protected override int LoopInstances(int nodeIndex, " + names.Data + " data, global::Flow.LoopInfo loop)",
            "nodeIndex",
            plan.Loops.Where(l => l.Instances is not null && SeesScopes(plan, l)).Select(l => (l.NodeIndex, Comment(l), "return data." + l.Instances!.MethodName + "(loop);")),
            "return base.LoopInstances(nodeIndex, data, loop);");
        DispatchWriter.Switch(
            writer,
            "protected override bool LoopCompletion(int nodeIndex, " + names.Data + " data, global::Flow.LoopInfo loop)",
            "nodeIndex",
            plan.Loops.Where(l => l.Completion is not null).Select(l => (l.NodeIndex, Comment(l), "return data." + l.Completion!.MethodName + "(loop);")),
            "return base.LoopCompletion(nodeIndex, data, loop);");
        DispatchWriter.Switch(
            writer,
            "protected override bool LoopCondition(int nodeIndex, " + names.Data + " data, global::Flow.LoopInfo loop)",
            "nodeIndex",
            plan.Loops.Where(l => l.Condition is not null).Select(l => (l.NodeIndex, Comment(l), "return data." + l.Condition!.MethodName + "(loop);")),
            "return base.LoopCondition(nodeIndex, data, loop);");
        DispatchWriter.Switch(
            writer,
            "protected override object? EvaluateCallInput(int expressionIndex, " + names.Data + " data, global::Flow.LoopInfo loop)",
            "expressionIndex",
            plan.CallInputs.Where(c => InputOutputWriter.CallTakesLoopInfo(plan, c.NodeIndex)).Select(c => (c.Index, ElementComments.Node(plan.Nodes[c.NodeIndex]), "return data." + c.MethodName + "(loop);")),
            "return base.EvaluateCallInput(expressionIndex, data, loop);");
        DispatchWriter.Switch(
            writer,
            "protected override void GatherLoopOutput(int nodeIndex, " + names.Data + " data, global::Flow.LoopInfo loop)",
            "nodeIndex",
            plan.Loops.Where(l => l.Output is not null).Select(l => (l.NodeIndex, Comment(l), "data." + l.Output!.MethodName + "(loop); return;")),
            "base.GatherLoopOutput(nodeIndex, data, loop); return;");
        // Saved with each completed element's compensation record, for the handler that undoes it
        // (or the handlers of what completed in a sub-process element): only where something compensates.
        var compensates = plan.Nodes.Any(n => n.Event == Flow.Compiler.Model.EventDefinitionKind.Compensate && n.AttachedTo is not null);
        DispatchWriter.Switch(
            writer,
            "protected override string? SaveLoopElement(int nodeIndex, " + names.Data + " data, int loopCounter)",
            "nodeIndex",
            plan.Loops.Where(l => l.Element is not null && compensates && !SeesScopes(plan, l))
                .Select(l => (l.NodeIndex, Comment(l), "return global::Flow.LoopElementJson.Write(data." + l.Element!.MethodName + "(loopCounter));")),
            "return base.SaveLoopElement(nodeIndex, data, loopCounter);");
        DispatchWriter.Switch(
            writer,
            "protected override string? SaveLoopElement(int nodeIndex, " + names.Data + " data, global::Flow.LoopInfo loop)",
            "nodeIndex",
            plan.Loops.Where(l => l.Element is not null && compensates && SeesScopes(plan, l))
                .Select(l => (l.NodeIndex, Comment(l), "return global::Flow.LoopElementJson.Write(data." + ElementCall(plan, l, "loop") + ");")),
            "return base.SaveLoopElement(nodeIndex, data, loop);");
    }

}
