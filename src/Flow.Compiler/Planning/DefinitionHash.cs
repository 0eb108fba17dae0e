using System.Linq;
using System.Text;
using Flow.Compiler.Model;

namespace Flow.Compiler.Planning;

/// <summary>
/// The version of a process definition: SHA-256 over what it means (nodes, flows, conditions,
/// scripts, variables, handlers), not over the file. Moving a shape, re-indenting or editing
/// another process of the same file keeps it; any change in behaviour changes it.
/// </summary>
public static class DefinitionHash
{
    public static string Of(ProcessModel process)
    {
        var text = new StringBuilder();
        text.Append("process|").Append(process.Id).Append('|').Append(process.Name).Append('|').Append(process.DataType).Append('\n');
        foreach (var variable in process.Variables)
        {
            text.Append("var|").Append(variable.Name).Append('|').Append(variable.Type).Append('\n');
        }

        foreach (var node in process.Nodes)
        {
            text.Append("node|").Append(node.Id).Append('|').Append(node.Kind).Append('|').Append(node.Name).Append('|').Append(node.ScopeId)
                .Append('|').Append(string.Join(",", node.EventDefinitions.Select(d => d.Kind + ":" + d.Name + ":" + d.Reference + string.Concat(d.TimerValues.Select(t => ":" + t.Kind + "=" + t.Value.Text)))))
                .Append('|').Append(node.IsEventSubProcess).Append('|').Append(node.AttachedToRef).Append('|').Append(node.CancelActivity)
                .Append('|').Append(node.Loop).Append('|').Append(node.IsForCompensation).Append('|').Append(node.DefaultFlowId)
                .Append('|').Append(node.Script?.Language).Append('|').Append(node.Script?.Text).Append('|').Append(node.CalledElement)
                .Append('|').Append(node.Handler).Append('|').Append(node.ErrorCode)
                .Append('|').Append(string.Join(",", node.Outputs.Select(o => o.Name + ":" + o.Type)));

            // Appended only when present, so that the versions of processes without them stay as they were.
            if (node.EventName is not null || node.CorrelationKey is not null)
            {
                text.Append("|event:").Append(node.EventName).Append('|').Append(node.CorrelationKey?.Text);
            }

            if (node.HandlerBinding is { } binding)
            {
                text.Append("|bind:").Append(binding.Attribute).Append('|').Append(binding.Text);
            }

            if (node.LoopDetails is { } loop)
            {
                text.Append("|loop:").Append(loop.Cardinality?.Text).Append('|').Append(loop.Collection?.Text).Append('|').Append(loop.ElementVariable)
                    .Append('|').Append(loop.ElementType).Append('|').Append(loop.CompletionCondition?.Text).Append('|').Append(loop.LoopCondition?.Text)
                    .Append('|').Append(loop.TestBefore).Append('|').Append(loop.LoopMaximum).Append('|').Append(loop.OutputCollection).Append('|').Append(loop.OutputElement?.Text);
            }

            if (node.Call is { } call)
            {
                text.Append("|call:").Append(call.Binding).Append('|').Append(call.Version)
                    .Append('|').Append(string.Join(",", call.Inputs.Select(Mapping))).Append('|').Append(string.Join(",", call.Outputs.Select(Mapping)));
            }

            if (AsyncPlanner.Of(node) is { } async)
            {
                text.Append("|async:").Append(async.Before).Append('|').Append(async.After).Append('|').Append(async.Exclusive)
                    .Append('|').Append(async.Priority).Append('|').Append(async.RetryCycle);
            }

            text.Append('\n');
        }

        foreach (var flow in process.Flows)
        {
            text.Append("flow|").Append(flow.Id).Append('|').Append(flow.SourceRef).Append('|').Append(flow.TargetRef)
                .Append('|').Append(flow.Condition?.Language).Append('|').Append(flow.Condition?.Text).Append('\n');
        }

        return FlowCompiler.Sha256Hex(text.ToString());
    }

    private static string Mapping(CallMapping mapping) =>
        mapping.All ? "*" : mapping.Source + ":" + mapping.SourceExpression?.Text + ">" + mapping.Target;
}
