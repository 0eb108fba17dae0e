namespace Flow.Build.Tasks.Diagnostics;

/// <summary>One entry of the task's diagnostic catalog (FLOW5xxx): id, title and message format.</summary>
public sealed record TaskDiagnostic(string Id, string Title, string MessageFormat)
{
    public string Format(params object[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args);
}
