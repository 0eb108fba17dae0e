using Flow.Compiler.Planning;
using static Flow.Compiler.Emit.CSharpLiterals;

namespace Flow.Compiler.Emit;

/// <summary>The typed message correlation of the instance type: a payload record and a <c>Correlate{Name}Async</c> per message the process catches.</summary>
internal static class MessageWriter
{
    public static void WritePayloads(SourceWriter writer, ProcessClassPlan plan)
    {
        foreach (var message in plan.Messages)
        {
            if (message.PayloadType is null)
            {
                continue;
            }

            writer.Line("/// <summary>The payload of message " + ProcessEmitter.Xml(message.MessageName) + ": what it sets in the data.</summary>")
                .Line("public sealed record " + message.PayloadType + "(");
            for (var i = 0; i < message.Outputs.Count; i++)
            {
                var output = message.Outputs[i];
                LineMappings.WriteMapped(writer, plan.SourcePath, output.Span, "\t", output.Type!, " " + output.Name + (i == message.Outputs.Count - 1 ? ");" : ","));
            }

            writer.Line();
        }
    }

    public static void WriteCorrelations(SourceWriter writer, ProcessClassPlan plan, EmitNames names)
    {
        foreach (var message in plan.Messages)
        {
            writer.Line()
                .Line("/// <summary>")
                .Line("/// Delivers message " + ProcessEmitter.Xml(message.MessageName) + " to this instance (to a catch waiting for it with a matching")
                .Line("/// correlation key; null matches any) and runs on; FLOW6180 when it does not wait for it.")
                .Line("/// </summary>");
            if (message.PayloadType is null)
            {
                writer.Line("public " + EmitNames.ValueTask + " " + message.MethodName + "(string? correlationKey = null, " + EmitNames.CancellationToken + " cancellationToken = default) =>")
                    .Line("\tCorrelateAsync(" + String(message.MessageName) + ", correlationKey, null, cancellationToken);");
                continue;
            }

            writer.Line("public " + EmitNames.ValueTask + " " + message.MethodName + "(" + message.PayloadType + " payload, string? correlationKey = null, " + EmitNames.CancellationToken + " cancellationToken = default)")
                .OpenBlock("")
                .Line("global::System.ArgumentNullException.ThrowIfNull(payload);")
                .Line("return CorrelateAsync(" + String(message.MessageName) + ", correlationKey, Apply, cancellationToken);")
                .Line()
                .OpenBlock("void Apply(" + names.Data + " data)");
            foreach (var output in message.Outputs)
            {
                LineMappings.WriteMapped(writer, plan.SourcePath, output.Span, "data.", output.Name, " = payload." + output.Name + ";");
            }

            writer.CloseBlock().CloseBlock();
        }
    }
}
