using System;

namespace Flow.Generators;

internal static class BpmnFiles
{
    public static bool IsBpmn(string path) =>
        path.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".bpmn20.xml", StringComparison.OrdinalIgnoreCase);
}
