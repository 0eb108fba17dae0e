namespace Flow.Compiler.Diagnostics;

public enum FlowSeverity
{
    Info,
    Warning,
    Error,
}
