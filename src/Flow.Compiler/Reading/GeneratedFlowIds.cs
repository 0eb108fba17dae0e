using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Flow.Compiler.Reading;

/// <summary>
/// Ids for sequence flows written without one (valid BPMN: the schema makes the id optional).
/// <c>Flow_{source}_{target}</c>, with <c>_2</c>, <c>_3</c>… for a repeat or an id the file
/// already uses; given in document order, so the same file always gets the same ids.
/// </summary>
internal sealed class GeneratedFlowIds
{
    private HashSet<string>? _taken;

    public string Next(XElement root, string source, string target)
    {
        // Only files that need one pay for the set of the ids they use.
        _taken ??= new HashSet<string>(
            root.DescendantsAndSelf().Select(e => e.Attribute("id")?.Value.Trim()).Where(v => !string.IsNullOrEmpty(v))!,
            StringComparer.Ordinal);

        var id = "Flow_" + source + "_" + target;
        var candidate = id;
        for (var n = 2; !_taken.Add(candidate); n++)
        {
            candidate = id + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
