using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;
using Flow.Compiler.Text;
using static Flow.Compiler.Rules.RuleHelpers;

namespace Flow.Compiler.Rules;

/// <summary>
/// Call activities: a literal process key, a binding the registry can resolve, mappings with a
/// source and a target whose names the calling process's data has. The called process's side
/// is checked by <see cref="CheckCalled"/> when it is in the same file, its key across files by
/// the generator.
/// </summary>
internal static class CallActivityRules
{
    public static IEnumerable<FlowDiagnostic> Check(ProcessGraph graph)
    {
        var process = graph.Process;
        foreach (var node in process.Nodes.Where(n => n.Kind == FlowNodeKind.CallActivity && n.Call is not null))
        {
            var call = node.Call!;
            var key = node.CalledElement?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                yield return Report(DiagnosticCatalog.CallWithoutCalledElement, call.CalledElementSpan, node.Id, "has no calledElement (the key of the process to call)");
            }
            else if (key!.Contains("${") || key.Contains("#{"))
            {
                yield return Report(DiagnosticCatalog.CallWithoutCalledElement, call.CalledElementSpan, node.Id, $"computes its process key ('{key}'); only a literal key is supported");
            }

            if (BindingProblem(call) is { } problem)
            {
                yield return Report(DiagnosticCatalog.InvalidCallBinding, call.BindingSpan, node.Id, problem);
            }

            if (call.PassesBusinessKey)
            {
                yield return Report(DiagnosticCatalog.CallBusinessKeyIgnored, node.Span, node.Id);
            }

            foreach (var diagnostic in CheckMappings(node, call.Inputs, "in").Concat(CheckMappings(node, call.Outputs, "out")))
            {
                yield return diagnostic;
            }

            // The calling side: in sources and out targets are variables of this process (when its data is generated).
            if (process.DataType is null)
            {
                var variables = new HashSet<string>(process.Variables.Select(v => v.Name), System.StringComparer.Ordinal);
                foreach (var mapping in call.Inputs.Where(m => m.Source is not null && m.SourceExpression is null && !variables.Contains(m.Source) && !Planning.ClassPlanner.IsElementVariable(node, m.Source) && !Planning.InputOutputTypes.IsInputName(node, m.Source)))
                {
                    yield return Report(DiagnosticCatalog.UnknownCallVariable, mapping.Span, node.Id, "in", mapping.Source!, process.Id);
                }

                foreach (var mapping in call.Outputs.Where(m => !m.All && m.Target is not null && !variables.Contains(m.Target)))
                {
                    yield return Report(DiagnosticCatalog.UnknownCallVariable, mapping.Span, node.Id, "out", mapping.Target!, process.Id);
                }
            }
        }
    }

    /// <summary>The called side, for calls whose process is in <paramref name="document"/> with generated data: in targets and out sources are its variables.</summary>
    public static IEnumerable<FlowDiagnostic> CheckCalled(BpmnDocument document)
    {
        var byKey = document.Processes.GroupBy(p => p.Id, System.StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), System.StringComparer.Ordinal);
        foreach (var node in document.Processes.Where(p => p.IsExecutable).SelectMany(p => p.Nodes).Where(n => n.Kind == FlowNodeKind.CallActivity && n.Call is not null))
        {
            if (node.CalledElement is not { } key || !byKey.TryGetValue(key.Trim(), out var called) || called.DataType is not null)
            {
                continue;
            }

            var variables = new HashSet<string>(called.Variables.Select(v => v.Name), System.StringComparer.Ordinal);
            foreach (var mapping in node.Call!.Inputs.Where(m => !m.All && m.Target is not null && !variables.Contains(m.Target)))
            {
                yield return Report(DiagnosticCatalog.UnknownCallVariable, mapping.Span, node.Id, "in", mapping.Target!, called.Id);
            }

            foreach (var mapping in node.Call.Outputs.Where(m => !m.All && m.Source is not null && !variables.Contains(m.Source)))
            {
                yield return Report(DiagnosticCatalog.UnknownCallVariable, mapping.Span, node.Id, "out", mapping.Source!, called.Id);
            }
        }
    }

    /// <summary>The literal keys the process's call activities call, except those marked flow:external (checked across files by the generator, FLOW1201).</summary>
    public static EquatableArray<CalledProcess> CalledKeys(ProcessModel process) =>
        process.Nodes
            .Where(n => n.Kind == FlowNodeKind.CallActivity && n.Call is { External: false } && n.CalledElement is { } key && key.Trim().Length > 0 && !key.Contains("${") && !key.Contains("#{"))
            .Select(n => new CalledProcess(n.CalledElement!.Trim(), n.Id, n.Call!.CalledElementSpan))
            .ToEquatableArray();

    private static IEnumerable<FlowDiagnostic> CheckMappings(FlowNode node, IEnumerable<CallMapping> mappings, string direction)
    {
        foreach (var mapping in mappings)
        {
            var problem = mapping.All
                ? mapping.Source is not null || mapping.SourceExpression is not null || mapping.Target is not null ? "has variables=\"all\" and a source or target as well" : null
                : direction == "out" && mapping.SourceExpression is not null ? "has a sourceExpression, which out mappings do not support"
                : mapping.Source is null && mapping.SourceExpression is null ? "has neither source nor sourceExpression"
                : mapping.Source is not null && mapping.SourceExpression is not null ? "has both source and sourceExpression"
                : mapping.Target is null ? "has no target"
                : null;
            if (problem is not null)
            {
                yield return Report(DiagnosticCatalog.InvalidCallMapping, mapping.Span, node.Id, direction, problem);
            }
        }
    }

    private static string? BindingProblem(CallModel call) => call.Binding switch
    {
        null or "latest" or "deployment" => null,
        "version" => call.Version is null ? "binding 'version' needs camunda:calledElementVersion"
            : int.TryParse(call.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? null
            : $"camunda:calledElementVersion '{call.Version}' is not a version number (1 or more)",
        "versionTag" => "binding 'versionTag' is not supported (Flow's versions have no tags); use latest, deployment or version",
        _ => $"camunda:calledElementBinding '{call.Binding}' is not latest, deployment or version",
    };
}
