namespace Flow.Bpmn.Model;

/// <summary>A sequence flow between two nodes of one scope, with an optional condition.</summary>
public sealed class BpmnSequenceFlow : BpmnElement
{
    public BpmnSequenceFlow(string id, string sourceRef, string targetRef)
        : base(id)
    {
        SourceRef = sourceRef;
        TargetRef = targetRef;
    }

    public string SourceRef { get; set; }

    public string TargetRef { get; set; }

    /// <summary>The text of the conditionExpression (C#, or JUEL-style <c>${…}</c>); null for none.</summary>
    public string? ConditionExpression { get; set; }

    /// <summary>The conditionExpression's <c>language</c> attribute; null for none.</summary>
    public string? ConditionLanguage { get; set; }
}
