using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>What one BPMN file defines: its processes and root elements.</summary>
public sealed record BpmnDocument(
    string? Id,
    SourceSpan Span,
    EquatableArray<ProcessModel> Processes,
    EquatableArray<GlobalElement> GlobalElements);
