using System.Linq;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

/// <summary>The instance type: one typed completion per wait state, and a result record per wait state with outputs.</summary>
internal static class InstanceWriter
{
    public static void Write(SourceWriter writer, ProcessClassPlan plan, EmitNames names)
    {
        foreach (var wait in plan.WaitStates.Where(w => w.ResultType is not null))
        {
            // Each parameter under #line at its flow:output, so a bad type is an error in the .bpmn.
            writer.Line("/// <summary>What completing " + Describe(plan, wait.NodeId) + " sets in the data.</summary>")
                .Line("public sealed record " + wait.ResultType + "(");
            for (var i = 0; i < wait.Outputs.Count; i++)
            {
                var output = wait.Outputs[i];
                LineMappings.WriteMapped(writer, plan.SourcePath, output.Span, "\t", output.Type!, " " + output.Name + (i == wait.Outputs.Count - 1 ? ");" : ","));
            }

            writer.Line();
        }

        MessageWriter.WritePayloads(writer, plan);
        writer.Line("/// <summary>An instance of this process, with a completion method per wait state.</summary>")
            .OpenBlock("public sealed class Instance : global::Flow.FlowInstance<" + names.Data + ">")
            .Line(Plumbing.Hidden)
            .Line("internal Instance(" + plan.ClassName + " process, " + names.Data + " data, global::Flow.InstanceState<" + names.Data + ">? state)")
            .Line("\t: base(process, data, state)")
            .OpenBlock("")
            .CloseBlock();

        foreach (var wait in plan.WaitStates)
        {
            LoopCompletionWriter.Write(writer, plan, names, wait);
            writer.Line();
            writer.Line("/// <summary>Completes " + Describe(plan, wait.NodeId) + " and runs on to the next wait state or the end.</summary>");
            if (wait.ResultType is null)
            {
                writer.Line("public " + EmitNames.ValueTask + " " + wait.MethodName + "(" + EmitNames.CancellationToken + " cancellationToken = default) =>")
                    .Line("\tCompleteAsync(NodeIds." + wait.NodeIdentifier + ", null, cancellationToken);");
                continue;
            }

            writer.Line("public " + EmitNames.ValueTask + " " + wait.MethodName + "(" + wait.ResultType + " result, " + EmitNames.CancellationToken + " cancellationToken = default)")
                .OpenBlock("")
                .Line("global::System.ArgumentNullException.ThrowIfNull(result);")
                .Line("return CompleteAsync(NodeIds." + wait.NodeIdentifier + ", Apply, cancellationToken);")
                .Line()
                .OpenBlock("void Apply(" + names.Data + " data)");

            // Under #line at each flow:output: an output the data has no member for is an error in the .bpmn.
            foreach (var output in wait.Outputs)
            {
                LineMappings.WriteMapped(writer, plan.SourcePath, output.Span, "data.", output.Name, " = result." + output.Name + ";");
            }

            writer.CloseBlock().CloseBlock();
        }

        MessageWriter.WriteCorrelations(writer, plan, names);

        if (plan.StraightLine is not null)
        {
            // What the straight-line method calls; a process with wait states has none.
            writer.Line()
                .Line(Plumbing.Hidden)
                .Line("internal void TookNode(string nodeId) => Took(nodeId);")
                .Line()
                .Line(Plumbing.Hidden)
                .Line("internal void Failed(ulong path, int at, global::System.Exception exception) => FailStraight(path, at, exception);");
        }

        writer.CloseBlock()
            .Line()
            .Line("/// <inheritdoc/>")
            .Line(Plumbing.Hidden)
            .Line("protected override Instance CreateInstance(" + names.Data + " data, global::Flow.InstanceState<" + names.Data + ">? state) => new Instance(this, data, state);")
            .Line();
    }

    /// <summary>"user task 'Review' (Task_Review)", or the quoted id if the plan has no such node.</summary>
    private static string Describe(ProcessClassPlan plan, string nodeId) =>
        NodeIndexes.Of(plan, nodeId) is var index and >= 0 ? ElementComments.Node(plan.Nodes[index], sentenceStart: false) : ProcessEmitter.Xml(nodeId);
}
