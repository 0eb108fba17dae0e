using System.Collections.Generic;

namespace Flow.Bpmn.Layout;

/// <summary>The diagram of one process: a shape per flow node and an edge per sequence flow, in document order.</summary>
public sealed class ProcessDiagram
{
    internal ProcessDiagram(IReadOnlyDictionary<string, Bounds> shapes, IReadOnlyDictionary<string, IReadOnlyList<Waypoint>> edges)
    {
        Shapes = shapes;
        Edges = edges;
    }

    /// <summary>Bounds by flow node id.</summary>
    public IReadOnlyDictionary<string, Bounds> Shapes { get; }

    /// <summary>Waypoints by sequence flow id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Waypoint>> Edges { get; }
}
