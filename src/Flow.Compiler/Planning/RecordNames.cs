using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Model;

namespace Flow.Compiler.Planning;

/// <summary>
/// The outputs of a wait state or message are the positional parameters of a generated record
/// (<c>ApproveResult</c>, <c>PaidMessage</c>), and so its properties: an output named like the record
/// would be C# error CS0542 (a member named like its type). The planner then names the record (and
/// its completion or correlation method) as it does when a name is taken: by the id, then numbered.
/// </summary>
internal static class RecordNames
{
    /// <summary>Whether one of <paramref name="outputs"/> is named <paramref name="recordName"/>.</summary>
    public static bool HasParameter(IEnumerable<VariableDeclaration> outputs, string recordName) =>
        outputs.Any(o => string.Equals(o.Name, recordName, System.StringComparison.Ordinal));
}
