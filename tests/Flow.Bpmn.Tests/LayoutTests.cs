using Flow.Bpmn.Layout;
using Flow.Bpmn.Model;

namespace Flow.Bpmn.Tests;

/// <summary>The automatic layout is left to right, keeps shapes apart, boundary events on their host's border, content inside its sub-process.</summary>
public class LayoutTests
{
    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void Shapes_of_a_scope_do_not_overlap_except_a_boundary_event_on_its_host(string sample)
    {
        var model = Samples.All[sample]();
        var diagram = DiagramOf(model);

        foreach (var scope in model.Scopes())
        {
            var nodes = scope.FlowNodes;
            foreach (var a in nodes)
            {
                foreach (var b in nodes.Where(b => string.CompareOrdinal(a.Id, b.Id) < 0))
                {
                    if (a.AttachedToRef == b.Id || b.AttachedToRef == a.Id)
                    {
                        continue;
                    }

                    Assert.False(diagram.Shapes[a.Id].Overlaps(diagram.Shapes[b.Id]), $"{sample}: '{a.Id}' {diagram.Shapes[a.Id]} overlaps '{b.Id}' {diagram.Shapes[b.Id]}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void Content_lies_inside_its_sub_process_and_boundary_events_on_their_host(string sample)
    {
        var model = Samples.All[sample]();
        var diagram = DiagramOf(model);

        foreach (var container in model.AllNodes().Where(n => n.Kind.IsContainer()))
        {
            foreach (var inner in BpmnDefinitions.NodesIn(container))
            {
                Assert.True(diagram.Shapes[container.Id].Contains(diagram.Shapes[inner.Id]), $"{sample}: '{inner.Id}' lies outside '{container.Id}'");
            }
        }

        foreach (var boundary in model.AllNodes().Where(n => n.Kind == BpmnNodeKind.BoundaryEvent))
        {
            var host = diagram.Shapes[boundary.AttachedToRef!];
            var shape = diagram.Shapes[boundary.Id];
            Assert.Equal(host.Bottom, shape.CenterY);
            Assert.InRange(shape.CenterX, host.X, host.Right);
        }
    }

    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void Flows_run_left_to_right_on_orthogonal_segments_between_their_ends_and_through_no_other_shape(string sample)
    {
        var model = Samples.All[sample]();
        var diagram = DiagramOf(model);

        var backwards = new List<string>();
        foreach (var scope in model.Scopes())
        {
            foreach (var flow in scope.SequenceFlows)
            {
                var source = diagram.Shapes[flow.SourceRef];
                var target = diagram.Shapes[flow.TargetRef];
                var points = diagram.Edges[flow.Id];
                if (target.CenterX <= source.CenterX)
                {
                    backwards.Add(flow.Id);
                }

                Assert.True(OnBorder(points[0], source), $"{sample}: '{flow.Id}' starts at {points[0]}, not on '{flow.SourceRef}' {source}");
                Assert.True(OnBorder(points[^1], target), $"{sample}: '{flow.Id}' ends at {points[^1]}, not on '{flow.TargetRef}' {target}");
                for (var i = 0; i + 1 < points.Count; i++)
                {
                    Assert.True(points[i].X == points[i + 1].X || points[i].Y == points[i + 1].Y, $"{sample}: '{flow.Id}' has a slanted segment");
                    var segment = new Bounds(Math.Min(points[i].X, points[i + 1].X), Math.Min(points[i].Y, points[i + 1].Y), Math.Abs(points[i].X - points[i + 1].X) + 1, Math.Abs(points[i].Y - points[i + 1].Y) + 1);
                    foreach (var other in scope.FlowNodes.Where(n => n.Id != flow.SourceRef && n.Id != flow.TargetRef && n.Id != scope.FlowNodes.First(s => s.Id == flow.SourceRef).AttachedToRef))
                    {
                        Assert.False(segment.Overlaps(diagram.Shapes[other.Id]), $"{sample}: '{flow.Id}' passes through '{other.Id}'");
                    }
                }
            }
        }

        // Only the orders' review loops go back.
        Assert.Equal(sample is "order" or "docs-order" ? new[] { "Flow_5" } : Array.Empty<string>(), backwards);
    }

    /// <summary>The shapes and edges of every process of the model (each process has a diagram of its own; ids are unique in a model).</summary>
    private static (Dictionary<string, Bounds> Shapes, Dictionary<string, IReadOnlyList<Waypoint>> Edges) DiagramOf(BpmnDefinitions model)
    {
        var shapes = new Dictionary<string, Bounds>(StringComparer.Ordinal);
        var edges = new Dictionary<string, IReadOnlyList<Waypoint>>(StringComparer.Ordinal);
        foreach (var process in model.Processes)
        {
            var diagram = AutoLayout.Compute(process);
            foreach (var (id, bounds) in diagram.Shapes)
            {
                shapes.Add(id, bounds);
            }

            foreach (var (id, points) in diagram.Edges)
            {
                edges.Add(id, points);
            }
        }

        return (shapes, edges);
    }

    [Fact]
    public void Branches_of_a_split_are_stacked_in_one_column()
    {
        var diagram = AutoLayout.Compute(Samples.Gateways().Processes[0]);

        Assert.Equal(diagram.Shapes["invoice"].X, diagram.Shapes["ship"].X);
        Assert.True(diagram.Shapes["ship"].Y >= diagram.Shapes["invoice"].Bottom, "the second branch below the first");
        Assert.Equal(diagram.Shapes["fork"].CenterY, diagram.Shapes["invoice"].CenterY);
        Assert.Equal(diagram.Shapes["fork"].CenterY, diagram.Shapes["join"].CenterY);
    }

    [Fact]
    public void Nodes_are_in_columns_by_their_longest_path_from_the_start()
    {
        var diagram = AutoLayout.Compute(Samples.Gateways().Processes[0]);

        // The default flow big → merge skips "approve": merge still comes after it.
        Assert.True(diagram.Shapes["merge"].X > diagram.Shapes["approve"].Right);
    }

    [Fact]
    public void A_long_chain_lays_out_without_recursion_limits()
    {
        var builder = Bpmn.CreateProcess("long").StartEvent();
        FlowNodeBuilderChain(builder, 3000);

        var diagram = AutoLayout.Compute(builder.Context.Process);

        Assert.Equal(3001, diagram.Shapes.Count);
    }

    private static void FlowNodeBuilderChain(Builder.FlowNodeBuilder start, int count)
    {
        var current = start;
        for (var i = 0; i < count; i++)
        {
            current = current.ServiceTask();
        }
    }

    private static bool OnBorder(Waypoint p, Bounds b) =>
        (p.X == b.X || p.X == b.Right) && p.Y >= b.Y && p.Y <= b.Bottom
        || (p.Y == b.Y || p.Y == b.Bottom) && p.X >= b.X && p.X <= b.Right;
}
