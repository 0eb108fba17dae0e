using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Bpmn.Model;

namespace Flow.Bpmn.Layout;

/// <summary>
/// A readable left-to-right layout: nodes in columns by their longest path from a start
/// (flows back are left out of that count), branches stacked in rows below the path they
/// leave, boundary events on their host's bottom border, sub-processes expanded around their
/// own layout, event sub-processes below the flow of their scope. Pure and deterministic: the
/// same model always gets the same coordinates.
/// </summary>
public static class AutoLayout
{
    internal const int EventSize = 36;
    internal const int GatewaySize = 50;
    internal const int TaskWidth = 100;
    internal const int TaskHeight = 80;
    private const int GapX = 50;
    private const int BoundarySpacing = 46;
    private const int GapY = 50;
    private const int Padding = 30;
    private const int OriginX = 150;
    private const int OriginY = 80;

    /// <summary>The diagram of the process: bounds of every node and waypoints of every flow.</summary>
    public static ProcessDiagram Compute(BpmnProcess process)
    {
        if (process is null)
        {
            throw new ArgumentNullException(nameof(process));
        }

        var shapes = new Dictionary<string, Bounds>(StringComparer.Ordinal);
        var result = LayoutScope(process, shapes);
        Shift(result.NodeIds, shapes, OriginX, OriginY);
        var edges = new Dictionary<string, IReadOnlyList<Waypoint>>(StringComparer.Ordinal);
        RouteScope(process, shapes, edges);
        return new ProcessDiagram(shapes, edges);
    }

    private sealed class ScopeResult
    {
        public int Width { get; set; }

        public int Height { get; set; }

        public List<string> NodeIds { get; } = new();
    }

    private static (int Width, int Height) DefaultSize(BpmnNodeKind kind) =>
        kind.IsEvent() ? (EventSize, EventSize) : kind.IsGateway() ? (GatewaySize, GatewaySize) : (TaskWidth, TaskHeight);

    private static bool IsEventSubProcess(BpmnFlowNode node) => node.Kind.IsContainer() && node.TriggeredByEvent;

    /// <summary>Lays out the scope's nodes with (0,0) as the top left of its content; returns its size and every node id placed (nested too).</summary>
    private static ScopeResult LayoutScope(IBpmnScope scope, Dictionary<string, Bounds> shapes)
    {
        var result = new ScopeResult();
        var main = scope.FlowNodes.Where(n => n.Kind != BpmnNodeKind.BoundaryEvent && !IsEventSubProcess(n) && !n.IsForCompensation).ToList();
        var sizes = new Dictionary<string, (int Width, int Height)>(StringComparer.Ordinal);
        var inner = new Dictionary<string, ScopeResult>(StringComparer.Ordinal);
        foreach (var node in scope.FlowNodes.Where(n => n.Kind != BpmnNodeKind.BoundaryEvent))
        {
            if (node.Kind.IsContainer())
            {
                var content = LayoutScope(node, shapes);
                inner[node.Id] = content;
                sizes[node.Id] = (Math.Max(content.Width + 2 * Padding, TaskWidth), Math.Max(content.Height + 2 * Padding, TaskHeight));
            }
            else
            {
                // Wide enough for its boundary events side by side on the bottom border.
                var (width, height) = DefaultSize(node.Kind);
                var boundaries = scope.FlowNodes.Count(n => n.Kind == BpmnNodeKind.BoundaryEvent && n.AttachedToRef == node.Id);
                sizes[node.Id] = (boundaries > 2 ? Math.Max(width, BoundarySpacing * boundaries + 10) : width, height);
            }
        }

        var graph = new LayerGraph(scope, main);
        var (layers, rows) = graph.Assign();

        // Columns as wide as their widest node, rows as high as their highest; centres line up.
        var columnCount = main.Count == 0 ? 0 : layers.Values.Max() + 1;
        var rowCount = main.Count == 0 ? 0 : rows.Values.Max() + 1;
        var columnWidth = new int[columnCount];
        var rowHeight = new int[rowCount];
        foreach (var node in main)
        {
            columnWidth[layers[node.Id]] = Math.Max(columnWidth[layers[node.Id]], sizes[node.Id].Width);
            rowHeight[rows[node.Id]] = Math.Max(rowHeight[rows[node.Id]], sizes[node.Id].Height);
        }

        var columnX = new int[columnCount];
        for (var i = 1; i < columnCount; i++)
        {
            columnX[i] = columnX[i - 1] + columnWidth[i - 1] + GapX;
        }

        var rowY = new int[rowCount];
        for (var i = 1; i < rowCount; i++)
        {
            rowY[i] = rowY[i - 1] + rowHeight[i - 1] + GapY;
        }

        foreach (var node in main)
        {
            var (width, height) = sizes[node.Id];
            var column = layers[node.Id];
            var row = rows[node.Id];
            Place(node, new Bounds(columnX[column] + (columnWidth[column] - width) / 2, rowY[row] + (rowHeight[row] - height) / 2, width, height), shapes, inner, result);
        }

        PlaceBoundaryEvents(scope, shapes, result);
        PlaceCompensationHandlers(scope, sizes, shapes, inner, result);

        // Event sub-processes side by side under the scope's flow.
        var bottom = result.NodeIds.Count == 0 ? 0 : scope.FlowNodes.Where(n => shapes.ContainsKey(n.Id)).Max(n => shapes[n.Id].Bottom) + GapY;
        var x = 0;
        foreach (var node in scope.FlowNodes.Where(IsEventSubProcess))
        {
            var (width, height) = sizes[node.Id];
            Place(node, new Bounds(x, bottom, width, height), shapes, inner, result);
            x += width + GapX;
        }

        foreach (var node in scope.FlowNodes.Where(n => shapes.ContainsKey(n.Id)))
        {
            result.Width = Math.Max(result.Width, shapes[node.Id].Right);
            result.Height = Math.Max(result.Height, shapes[node.Id].Bottom);
        }

        // Room under the lowest row for flows going back.
        var backward = scope.SequenceFlows.Count(f => IsBackward(scope, f, shapes));
        if (backward > 0)
        {
            result.Height += 20 + 10 * backward;
        }

        return result;
    }

    private static void Place(BpmnFlowNode node, Bounds bounds, Dictionary<string, Bounds> shapes, Dictionary<string, ScopeResult> inner, ScopeResult result)
    {
        shapes[node.Id] = bounds;
        result.NodeIds.Add(node.Id);
        if (inner.TryGetValue(node.Id, out var content))
        {
            // Centre the content in the expanded shape (it is at least TaskWidth x TaskHeight).
            Shift(content.NodeIds, shapes, bounds.X + (bounds.Width - content.Width) / 2, bounds.Y + (bounds.Height - content.Height) / 2);
            result.NodeIds.AddRange(content.NodeIds);
        }
    }

    /// <summary>On the host's bottom border, from its left, 46 apart; a boundary event without a host in this scope goes at the top left.</summary>
    private static void PlaceBoundaryEvents(IBpmnScope scope, Dictionary<string, Bounds> shapes, ScopeResult result)
    {
        var perHost = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var boundary in scope.FlowNodes.Where(n => n.Kind == BpmnNodeKind.BoundaryEvent))
        {
            if (boundary.AttachedToRef is { } hostId && shapes.TryGetValue(hostId, out var host) && scope.FlowNodes.Any(n => n.Id == hostId))
            {
                perHost.TryGetValue(hostId, out var index);
                perHost[hostId] = index + 1;
                var centerX = host.X + Math.Min(host.Width / 2, 28) + index * BoundarySpacing;
                shapes[boundary.Id] = new Bounds(centerX - EventSize / 2, host.Bottom - EventSize / 2, EventSize, EventSize);
            }
            else
            {
                shapes[boundary.Id] = new Bounds(0, 0, EventSize, EventSize);
            }

            result.NodeIds.Add(boundary.Id);
        }
    }

    /// <summary>
    /// Compensation handlers in a band under the scope's flow, each under the boundary event it is
    /// associated with (or next to the one before), so its association goes straight down.
    /// </summary>
    private static void PlaceCompensationHandlers(IBpmnScope scope, Dictionary<string, (int Width, int Height)> sizes, Dictionary<string, Bounds> shapes, Dictionary<string, ScopeResult> inner, ScopeResult result)
    {
        var handlers = scope.FlowNodes.Where(n => n.IsForCompensation && sizes.ContainsKey(n.Id)).ToList();
        if (handlers.Count == 0)
        {
            return;
        }

        var top = scope.FlowNodes.Where(n => shapes.ContainsKey(n.Id)).Select(n => shapes[n.Id].Bottom).DefaultIfEmpty(0).Max() + GapY;
        var next = 0;
        foreach (var handler in handlers)
        {
            var (width, height) = sizes[handler.Id];
            var boundary = AssociatedBoundary(scope, handler.Id);
            var x = boundary is not null && shapes.TryGetValue(boundary, out var b) ? Math.Max(next, b.CenterX - width / 2) : next;
            Place(handler, new Bounds(x, top, width, height), shapes, inner, result);
            next = x + width + GapX;
        }
    }

    private static string? AssociatedBoundary(IBpmnScope scope, string handlerId) =>
        scope.Associations.Select(a => a.TargetRef == handlerId ? a.SourceRef : a.SourceRef == handlerId ? a.TargetRef : null)
            .FirstOrDefault(id => id is not null && scope.FlowNodes.Any(n => n.Id == id && n.Kind == BpmnNodeKind.BoundaryEvent));

    /// <summary>An association: out of the bottom of its source, into the top of its target (straight when they line up).</summary>
    private static Waypoint[] RouteAssociation(Bounds s, Bounds t)
    {
        if (t.Y >= s.Bottom && s.CenterX >= t.X && s.CenterX <= t.Right)
        {
            return new[] { new Waypoint(s.CenterX, s.Bottom), new Waypoint(s.CenterX, t.Y) };
        }

        if (t.Y >= s.Bottom)
        {
            var middle = s.Bottom + (t.Y - s.Bottom) / 2;
            return new[] { new Waypoint(s.CenterX, s.Bottom), new Waypoint(s.CenterX, middle), new Waypoint(t.CenterX, middle), new Waypoint(t.CenterX, t.Y) };
        }

        return new[] { new Waypoint(s.CenterX, s.Y), new Waypoint(s.CenterX, t.Bottom + 10), new Waypoint(t.CenterX, t.Bottom + 10), new Waypoint(t.CenterX, t.Bottom) };
    }

    private static void Shift(List<string> ids, Dictionary<string, Bounds> shapes, int dx, int dy)
    {
        foreach (var id in ids)
        {
            shapes[id] = shapes[id].Offset(dx, dy);
        }
    }

    /// <summary>A flow drawn back under the scope (as <see cref="Route"/> does): its target is not right of its source, which is no boundary event.</summary>
    private static bool IsBackward(IBpmnScope scope, BpmnSequenceFlow flow, Dictionary<string, Bounds> shapes) =>
        shapes.TryGetValue(flow.SourceRef, out var source) && shapes.TryGetValue(flow.TargetRef, out var target) && target.CenterX <= source.CenterX
        && !scope.FlowNodes.Any(n => n.Id == flow.SourceRef && n.Kind == BpmnNodeKind.BoundaryEvent);

    /// <summary>Waypoints of every flow of the scope and its sub-processes, from the final (absolute) shapes.</summary>
    private static void RouteScope(IBpmnScope scope, Dictionary<string, Bounds> shapes, Dictionary<string, IReadOnlyList<Waypoint>> edges)
    {
        var kinds = scope.FlowNodes.ToDictionary(n => n.Id, n => n.Kind, StringComparer.Ordinal);
        var placed = scope.FlowNodes.Where(n => shapes.ContainsKey(n.Id) && !IsEventSubProcess(n)).Select(n => shapes[n.Id]).ToList();
        var below = placed.Count == 0 ? 0 : placed.Max(b => b.Bottom) + 20;
        var backIndex = 0;
        foreach (var flow in scope.SequenceFlows)
        {
            if (!shapes.TryGetValue(flow.SourceRef, out var source) || !shapes.TryGetValue(flow.TargetRef, out var target))
            {
                continue;
            }

            kinds.TryGetValue(flow.SourceRef, out var sourceKind);
            kinds.TryGetValue(flow.TargetRef, out var targetKind);
            var route = Route(source, sourceKind, target, targetKind, below, ref backIndex);
            if (sourceKind == BpmnNodeKind.BoundaryEvent && Host(scope, flow.SourceRef, shapes) is { } host && target.X > host.Right
                && Crosses(route, shapes, scope, flow.SourceRef, flow.TargetRef))
            {
                // Straight down would cross nodes under the host: leave through the gap after the host's column.
                var exitY = source.Bottom + 14;
                var gapX = host.Right + GapX / 2;
                route = new[] { new Waypoint(source.CenterX, source.Bottom), new Waypoint(source.CenterX, exitY), new Waypoint(gapX, exitY), new Waypoint(gapX, target.CenterY), new Waypoint(target.X, target.CenterY) };
            }

            else if (sourceKind != BpmnNodeKind.BoundaryEvent && Crosses(route, shapes, scope, flow.SourceRef, flow.TargetRef))
            {
                // A flow that skips nodes on its own row: around them, under the lowest shape it would pass.
                var left = Math.Min(source.CenterX, target.CenterX);
                var right = Math.Max(source.CenterX, target.CenterX);
                var lane = scope.FlowNodes.Where(n => shapes.ContainsKey(n.Id) && shapes[n.Id].Right >= left && shapes[n.Id].X <= right)
                    .Max(n => shapes[n.Id].Bottom) + 20;
                var detour = new[] { new Waypoint(source.CenterX, source.Bottom), new Waypoint(source.CenterX, lane), new Waypoint(target.CenterX, lane), new Waypoint(target.CenterX, target.Bottom) };
                if (!Crosses(detour, shapes, scope, flow.SourceRef, flow.TargetRef))
                {
                    route = detour;
                }
            }

            edges[flow.Id] = route;
        }

        foreach (var association in scope.Associations)
        {
            if (shapes.TryGetValue(association.SourceRef, out var source) && shapes.TryGetValue(association.TargetRef, out var target))
            {
                edges[association.Id] = RouteAssociation(source, target);
            }
        }

        foreach (var container in scope.FlowNodes.Where(n => n.Kind.IsContainer()))
        {
            RouteScope(container, shapes, edges);
        }
    }

    private static Bounds? Host(IBpmnScope scope, string boundaryId, Dictionary<string, Bounds> shapes) =>
        scope.FlowNodes.FirstOrDefault(n => n.Id == boundaryId)?.AttachedToRef is { } hostId && shapes.TryGetValue(hostId, out var host) ? host : null;

    /// <summary>Whether a segment of the route passes through a shape of the scope other than its own ends.</summary>
    private static bool Crosses(Waypoint[] route, Dictionary<string, Bounds> shapes, IBpmnScope scope, string sourceId, string targetId)
    {
        foreach (var node in scope.FlowNodes)
        {
            if (node.Id == sourceId || node.Id == targetId || !shapes.TryGetValue(node.Id, out var shape))
            {
                continue;
            }

            for (var i = 0; i + 1 < route.Length; i++)
            {
                var segment = new Bounds(Math.Min(route[i].X, route[i + 1].X), Math.Min(route[i].Y, route[i + 1].Y), Math.Abs(route[i].X - route[i + 1].X) + 1, Math.Abs(route[i].Y - route[i + 1].Y) + 1);
                if (segment.Overlaps(shape))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Waypoint[] Route(Bounds s, BpmnNodeKind sourceKind, Bounds t, BpmnNodeKind targetKind, int below, ref int backIndex)
    {
        if (sourceKind == BpmnNodeKind.BoundaryEvent)
        {
            // Down out of the border, then across into the target.
            if (t.CenterY > s.Bottom)
            {
                return t.X >= s.CenterX
                    ? new[] { new Waypoint(s.CenterX, s.Bottom), new Waypoint(s.CenterX, t.CenterY), new Waypoint(t.X, t.CenterY) }
                    : new[] { new Waypoint(s.CenterX, s.Bottom), new Waypoint(s.CenterX, t.CenterY), new Waypoint(t.Right, t.CenterY) };
            }

            var lane = s.Bottom + 20;
            return new[] { new Waypoint(s.CenterX, s.Bottom), new Waypoint(s.CenterX, lane), new Waypoint(t.CenterX, lane), new Waypoint(t.CenterX, t.Bottom) };
        }

        if (t.CenterX <= s.CenterX)
        {
            // A flow back: under the scope's lowest row, into the target from below.
            var lane = below + 10 * backIndex++;
            return new[] { new Waypoint(s.CenterX, s.Bottom), new Waypoint(s.CenterX, lane), new Waypoint(t.CenterX, lane), new Waypoint(t.CenterX, t.Bottom) };
        }

        if (s.CenterY == t.CenterY)
        {
            return new[] { new Waypoint(s.Right, s.CenterY), new Waypoint(t.X, t.CenterY) };
        }

        if (sourceKind.IsGateway())
        {
            // A split leaves the gateway at its top or bottom corner, as modellers draw it.
            var exitY = t.CenterY < s.CenterY ? s.Y : s.Bottom;
            return new[] { new Waypoint(s.CenterX, exitY), new Waypoint(s.CenterX, t.CenterY), new Waypoint(t.X, t.CenterY) };
        }

        if (targetKind.IsGateway())
        {
            var entryY = s.CenterY < t.CenterY ? t.Y : t.Bottom;
            return new[] { new Waypoint(s.Right, s.CenterY), new Waypoint(t.CenterX, s.CenterY), new Waypoint(t.CenterX, entryY) };
        }

        var middle = s.Right + GapX / 2;
        return new[] { new Waypoint(s.Right, s.CenterY), new Waypoint(middle, s.CenterY), new Waypoint(middle, t.CenterY), new Waypoint(t.X, t.CenterY) };
    }
}
