using System.Collections.Generic;

namespace Flow;

/// <summary>
/// Scope inputs for compensation handlers: a handler inside a sub-process runs after that
/// sub-process (or element) completed, so the scope's saved inputs are gone from the tokens and
/// the loop state. They are kept with the compensation record instead (by sub-process id, as they
/// were when it completed), handed down to the records of what completed inside it when those
/// take its place, and read from the record whose handler a compensation scope runs.
/// </summary>
internal sealed partial class TokenEngine<TData>
{
    /// <summary>The saved inputs of sub-process scope <paramref name="scope"/>, for its compensation record; null when it has none.</summary>
    private Dictionary<string, string>? ScopeInputsRecord(ScopeState scope) =>
        SavedScopeInputs(scope) is { } inputs ? new Dictionary<string, string>(System.StringComparer.Ordinal) { [scope.NodeId] = inputs } : null;

    /// <summary>The records of what completed inside a scope also carry that scope's inputs (and those of the scopes it was in).</summary>
    private static List<CompensableState> InheritScopeInputs(List<CompensableState> records, Dictionary<string, string>? inputs)
    {
        if (inputs is null)
        {
            return records;
        }

        foreach (var record in records)
        {
            var own = record.ScopeInputs ??= new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (var (subProcess, json) in inputs)
            {
                own.TryAdd(subProcess, json);   // a record's own (inner) scope's inputs stay
            }
        }

        return records;
    }

    /// <summary>In a compensation scope: the saved inputs of <paramref name="subProcessId"/> for the handler it runs; null when that record has none.</summary>
    private static string? CompensatedScopeInputs(ScopeState scope, string subProcessId) =>
        scope.Compensating is { Count: > 0 } work && work[0].ScopeInputs is { } saved && saved.TryGetValue(subProcessId, out var inputs) ? inputs : null;
}
