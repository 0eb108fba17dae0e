using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Graph;
using Flow.Compiler.Model;

namespace Flow.Compiler.Rules;

/// <summary>Runs every rule over one process; each rule is a pure function of the graph.</summary>
public static class ProcessValidator
{
    private static readonly Func<ProcessGraph, IEnumerable<FlowDiagnostic>>[] Rules =
    {
        StartAndEndEventRules.Check,
        ReferenceRules.Check,
        ConnectivityRules.Check,
        EventRules.Check,
        EventTriggerRules.Check,
        TimerRules.Check,
        TimeoutRules.Check,
        SelfTriggeringEventSubProcessRules.Check,
        SequenceFlowRules.Check,
        GatewayRules.Check,
        ActivityFlowRules.Check,
        ParallelJoinRules.Check,
        UnsupportedRules.Check,
        ExpressionRules.Check,
        DirectiveRules.Check,
        ExpressionDirectiveRules.Check,
        DataRules.Check,
        DataMemberNameRules.Check,
        ResultRecordNameRules.Check,
        LoopRules.Check,
        CallActivityRules.Check,
        InputOutputRules.Check,
        ScopeInputLoopNameRules.Check,
        CompensationRules.Check,
        EventSubProcessLoopRules.Check,
        CompensationWaitRules.Check,
        CompensationElementRules.Check,
        AsyncRules.Check,
        ConfusableIdRules.Check,
    };

    public static IReadOnlyList<FlowDiagnostic> Validate(ProcessModel process)
    {
        var graph = new ProcessGraph(process);
        return Rules.SelectMany(rule => rule(graph)).ToList();
    }
}
