using System.Collections.Generic;
using System.Linq;

namespace Flow.Bpmn.Model;

/// <summary>
/// Structural comparison of two models: every member of every element, in order. Used to prove
/// that writing and reading back keeps a model; each difference names the element and member.
/// </summary>
public static class BpmnModelComparison
{
    /// <summary>The differences between the models; empty when they are equal.</summary>
    public static IReadOnlyList<string> Differences(BpmnDefinitions expected, BpmnDefinitions actual)
    {
        var differences = new List<string>();
        void Same<T>(string where, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                differences.Add($"{where}: expected '{a}', got '{b}'");
            }
        }

        void Element(string where, BpmnElement a, BpmnElement b)
        {
            Same(where + ".Id", a.Id, b.Id);
            Same(where + ".Name", a.Name, b.Name);
            Same(where + ".ExtensionAttributes", string.Join(" ", a.ExtensionAttributes), string.Join(" ", b.ExtensionAttributes));
        }

        void Lists<T>(string where, IList<T> a, IList<T> b, System.Action<string, T, T> compare)
        {
            Same(where + ".Count", a.Count, b.Count);
            for (var i = 0; i < System.Math.Min(a.Count, b.Count); i++)
            {
                compare(where + "[" + i + "]", a[i], b[i]);
            }
        }

        void Scope(string where, IBpmnScope a, IBpmnScope b)
        {
            Lists(where + ".FlowNodes", a.FlowNodes, b.FlowNodes, (w, x, y) =>
            {
                w += "(" + x.Id + ")";
                Element(w, x, y);
                Same(w + ".Kind", x.Kind, y.Kind);
                Same(w + ".AttachedToRef", x.AttachedToRef, y.AttachedToRef);
                Same(w + ".CancelActivity", x.CancelActivity, y.CancelActivity);
                Same(w + ".IsInterrupting", x.IsInterrupting, y.IsInterrupting);
                Same(w + ".TriggeredByEvent", x.TriggeredByEvent, y.TriggeredByEvent);
                Same(w + ".DefaultFlow", x.DefaultFlow, y.DefaultFlow);
                Same(w + ".MessageRef", x.MessageRef, y.MessageRef);
                Same(w + ".Script", x.Script, y.Script);
                Same(w + ".ScriptFormat", x.ScriptFormat, y.ScriptFormat);
                Same(w + ".CalledElement", x.CalledElement, y.CalledElement);
                Same(w + ".Outputs", string.Join(",", x.Outputs), string.Join(",", y.Outputs));
                Same(w + ".IsForCompensation", x.IsForCompensation, y.IsForCompensation);
                Same(w + ".Loop", x.Loop?.ToString(), y.Loop?.ToString());
                Same(w + ".CallMappings", string.Join(",", x.CallMappings), string.Join(",", y.CallMappings));
                Same(w + ".InputParameters", string.Join(",", x.InputParameters), string.Join(",", y.InputParameters));
                Same(w + ".OutputParameters", string.Join(",", x.OutputParameters), string.Join(",", y.OutputParameters));
                Same(w + ".FailedJobRetryTimeCycle", x.FailedJobRetryTimeCycle, y.FailedJobRetryTimeCycle);
                Lists(w + ".EventDefinitions", x.EventDefinitions, y.EventDefinitions, (v, d, e) =>
                {
                    Same(v + ".Kind", d.Kind, e.Kind);
                    Same(v + ".Reference", d.Reference, e.Reference);
                    Same(v + ".LinkName", d.LinkName, e.LinkName);
                    Same(v + ".TimerKind", d.TimerKind, e.TimerKind);
                    Same(v + ".TimerValue", d.TimerValue, e.TimerValue);
                    Same(v + ".Condition", d.Condition, e.Condition);
                    Same(v + ".ConditionLanguage", d.ConditionLanguage, e.ConditionLanguage);
                });
                Scope(w, x, y);
            });
            Lists(where + ".SequenceFlows", a.SequenceFlows, b.SequenceFlows, (w, x, y) =>
            {
                w += "(" + x.Id + ")";
                Element(w, x, y);
                Same(w + ".SourceRef", x.SourceRef, y.SourceRef);
                Same(w + ".TargetRef", x.TargetRef, y.TargetRef);
                Same(w + ".ConditionExpression", x.ConditionExpression, y.ConditionExpression);
                Same(w + ".ConditionLanguage", x.ConditionLanguage, y.ConditionLanguage);
            });
            Lists(where + ".Associations", a.Associations, b.Associations, (w, x, y) =>
            {
                w += "(" + x.Id + ")";
                Element(w, x, y);
                Same(w + ".SourceRef", x.SourceRef, y.SourceRef);
                Same(w + ".TargetRef", x.TargetRef, y.TargetRef);
                Same(w + ".Direction", x.Direction, y.Direction);
            });
        }

        Element("definitions", expected, actual);
        Same("definitions.TargetNamespace", expected.TargetNamespace, actual.TargetNamespace);
        Lists("RootElements", expected.RootElements, actual.RootElements, (w, x, y) =>
        {
            Element(w, x, y);
            Same(w + ".Kind", x.Kind, y.Kind);
            Same(w + ".Code", x.Code, y.Code);
            Same(w + ".Outputs", string.Join(",", x.Outputs), string.Join(",", y.Outputs));
        });
        Lists("Processes", expected.Processes, actual.Processes, (w, x, y) =>
        {
            w += "(" + x.Id + ")";
            Element(w, x, y);
            Same(w + ".IsExecutable", x.IsExecutable, y.IsExecutable);
            Same(w + ".Variables", string.Join(",", x.Variables), string.Join(",", y.Variables));
            Scope(w, x, y);
        });
        return differences;
    }

    public static bool AreEqual(BpmnDefinitions a, BpmnDefinitions b) => Differences(a, b).Count == 0;
}
