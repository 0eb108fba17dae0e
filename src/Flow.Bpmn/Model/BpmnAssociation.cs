namespace Flow.Bpmn.Model;

/// <summary>
/// An <c>association</c> between two flow nodes of a scope: the link from a compensation
/// boundary event to its handler (the only association the compiler reads).
/// </summary>
public sealed class BpmnAssociation : BpmnElement
{
    public BpmnAssociation(string id, string sourceRef, string targetRef)
        : base(id)
    {
        SourceRef = sourceRef;
        TargetRef = targetRef;
    }

    public string SourceRef { get; set; }

    public string TargetRef { get; set; }

    /// <summary><c>associationDirection</c> (<c>None</c>, <c>One</c>, <c>Both</c>); null when not written.</summary>
    public string? Direction { get; set; }
}
