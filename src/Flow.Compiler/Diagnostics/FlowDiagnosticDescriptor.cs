namespace Flow.Compiler.Diagnostics;

/// <summary>
/// One entry of the diagnostic catalog: what an id means and how it reads.
/// <paramref name="MessageFormat"/> takes <see cref="string.Format(string, object[])"/> arguments.
/// <paramref name="BpmnlintRule"/> names the bpmnlint rule this id corresponds to, if any.
/// </summary>
public sealed record FlowDiagnosticDescriptor(
    string Id,
    FlowSeverity Severity,
    string Title,
    string MessageFormat,
    string HelpText,
    string? BpmnlintRule = null)
{
    public string HelpLink => "https://github.com/flow-generators/flow-generators/blob/main/docs/diagnostics.md#" + Id.ToLowerInvariant();
}
