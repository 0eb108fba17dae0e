using System.Linq;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>For a loop or multi-instance wait state: a typed completion of one element by its index, next to the plain one.</summary>
internal static class LoopCompletionWriter
{
    public static void Write(SourceWriter writer, ProcessClassPlan plan, EmitNames names, WaitStatePlan wait)
    {
        // Its own loop, or a plain wait state inside a looped sub-process (an index names the element it waits in).
        var index = System.Math.Max(0, NodeIndexes.Of(plan, wait.NodeId));
        if (!plan.Loops.Any(l => l.NodeId == wait.NodeId) && (plan.Nodes[index].Id != wait.NodeId || LoopWriter.ForBody(plan, index) is null))
        {
            return;
        }

        writer.Line();
        writer.Line("/// <summary>Completes element <paramref name=\"elementIndex\"/> (its loopCounter) of the multi-instance or loop at " + ProcessEmitter.Xml(wait.NodeId) + ", in any order, and runs on.</summary>");
        if (wait.ResultType is null)
        {
            writer.Line("public " + EmitNames.ValueTask + " " + wait.MethodName + "(int elementIndex, " + EmitNames.CancellationToken + " cancellationToken = default) =>")
                .Line("\tCompleteAsync(NodeIds." + wait.NodeIdentifier + ", elementIndex, null, cancellationToken);");
            return;
        }

        writer.Line("public " + EmitNames.ValueTask + " " + wait.MethodName + "(int elementIndex, " + wait.ResultType + " result, " + EmitNames.CancellationToken + " cancellationToken = default)")
            .OpenBlock("")
            .Line("global::System.ArgumentNullException.ThrowIfNull(result);")
            .Line("return CompleteAsync(NodeIds." + wait.NodeIdentifier + ", elementIndex, Apply, cancellationToken);")
            .Line()
            .OpenBlock("void Apply(" + names.Data + " data)");
        foreach (var output in wait.Outputs)
        {
            LineMappings.WriteMapped(writer, plan.SourcePath, output.Span, "data.", output.Name, " = result." + output.Name + ";");
        }

        writer.CloseBlock().CloseBlock();
    }
}
