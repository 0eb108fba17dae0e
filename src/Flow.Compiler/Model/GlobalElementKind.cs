namespace Flow.Compiler.Model;

/// <summary>Root elements of <c>definitions</c> other than processes.</summary>
public enum GlobalElementKind
{
    Message,
    Signal,
    Error,
    Escalation,
    ItemDefinition,
    DataStore,
    Interface,
    Operation,
    Resource,
    Category,
    Collaboration,
    Choreography,
    Conversation,
    GlobalTask,
    PartnerEntity,
    PartnerRole,
    CorrelationProperty,
    EndPoint,
    EventDefinition,
    Import,
    Extension,
    Relationship,
}
