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
            var parameters = string.Join(", ", wait.Outputs.Select(o => o.Type + " " + o.Name));
            writer.Line("/// <summary>What completing " + ProcessEmitter.Xml(wait.NodeId) + " sets in the data.</summary>")
                .Line("public sealed record " + wait.ResultType + "(" + parameters + ");")
                .Line();
        }

        writer.Line("/// <summary>An instance of this process, with a completion method per wait state.</summary>")
            .OpenBlock("public sealed class Instance : global::Flow.FlowInstance<" + names.Data + ">")
            .Line("internal Instance(global::Flow.InstanceState<" + names.Data + "> state, " + plan.ClassName + " process)")
            .Line("    : base(state, process)")
            .OpenBlock("")
            .CloseBlock();

        foreach (var wait in plan.WaitStates)
        {
            writer.Line();
            writer.Line("/// <summary>Completes the wait state " + ProcessEmitter.Xml(wait.NodeId) + " and runs on to the next wait state or the end.</summary>");
            if (wait.ResultType is null)
            {
                writer.Line("public " + EmitNames.ValueTask + " " + wait.MethodName + "(" + EmitNames.CancellationToken + " cancellationToken = default) =>")
                    .Line("    CompleteAsync(NodeIds." + wait.NodeIdentifier + ", null, cancellationToken);");
                continue;
            }

            var assignments = string.Concat(wait.Outputs.Select(o => " data." + o.Name + " = result." + o.Name + ";"));
            writer.Line("public " + EmitNames.ValueTask + " " + wait.MethodName + "(" + wait.ResultType + " result, " + EmitNames.CancellationToken + " cancellationToken = default)")
                .OpenBlock("")
                .Line("global::System.ArgumentNullException.ThrowIfNull(result);")
                .Line("return CompleteAsync(NodeIds." + wait.NodeIdentifier + ", data => {" + assignments + " }, cancellationToken);")
                .CloseBlock();
        }

        writer.Line()
            .Line("internal void TookNode(string nodeId) => Took(nodeId);")
            .Line()
            .Line("internal void End(global::Flow.InstanceStatus status, global::Flow.FailureState? failure = null, global::System.Exception? exception = null) => Finish(status, failure, exception);")
            .CloseBlock()
            .Line()
            .Line("/// <inheritdoc/>")
            .Line("protected override Instance CreateInstance(global::Flow.InstanceState<" + names.Data + "> state) => new Instance(state, this);")
            .Line();
    }
}
