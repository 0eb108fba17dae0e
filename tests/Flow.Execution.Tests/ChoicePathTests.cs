using System.Reflection;
using System.Text;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// A straight-line run records its choices in 60 bits, 4 per choice: 15 choices in a row fill
/// them (the last in the bits next to the instance's status), 16 do not fit and the trace is
/// recorded node by node instead. Both must give the token engine's trace.
/// </summary>
public class ChoicePathTests
{
    private const string BitHelper = """
        namespace Flows.Under.Test { public partial class TestProcess { public partial class Data {
            public bool Bit(int i) => ((mask >> i) & 1) != 0;
        } } }
        """;

    [Theory]
    [InlineData(15, 0b101_0101_0101_0101)]
    [InlineData(15, 0b100_0000_0000_0000)]
    [InlineData(16, 0b1010_1010_1010_1010)]
    [InlineData(16, 0b1000_0000_0000_0001)]
    public async Task A_row_of_choices_gives_the_token_engines_trace(int choices, int mask)
    {
        var flow = TestFlow.Build(Row(choices), Handlers(choices), BitHelper);
        var expected = Expected(choices, mask, failAt: null);

        var straight = await flow.StartAsync(("mask", mask));
        EngineSwitch.ForceTokenEngine = true;
        var engine = await flow.StartAsync(("mask", mask));
        EngineSwitch.ForceTokenEngine = false;

        Assert.Equal(choices <= 15, ReplaysItsTrace(flow));
        Assert.Equal(InstanceStatus.Completed, straight.Status);
        Assert.Equal(expected, straight.Trace);
        Assert.Equal(expected, engine.Trace);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    public async Task A_failure_after_a_row_of_choices_keeps_the_trace_up_to_it(int choices)
    {
        var last = choices - 1;
        var throwing = $$"""
            namespace Flows.Under.Test { public partial class TestProcess {
                private partial System.Threading.Tasks.ValueTask Yes{{last}}(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) =>
                    throw new System.InvalidOperationException("no");
            } }
            """;
        var flow = TestFlow.Build(Row(choices), Handlers(choices).Where(h => h != $"Yes{last}").ToArray(), BitHelper, throwing);
        var mask = (1 << choices) - 1;

        var instance = await flow.StartAsync(("mask", mask));
        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal($"Yes{last}", instance.Failure!.NodeId);
        Assert.Equal(Expected(choices, mask, failAt: last), instance.Trace);
        Assert.Equal(Expected(choices, mask, failAt: last), resumed.Trace);
    }

    /// <summary>Whether the generated class replays the trace from the path (else it recorded it node by node).</summary>
    private static bool ReplaysItsTrace(TestFlow flow) =>
        flow.Process.GetType().GetMethod("ReplayStraightTrace", BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly) is not null;

    /// <summary>Start, then per choice i a gateway Choice{i} to Yes{i} (when bit i of mask is set) or No{i}, meeting at Merge{i}; then End.</summary>
    private static string Row(int choices)
    {
        var body = new StringBuilder("    <bpmn:startEvent id=\"Start\" />\n");
        var previous = "Start";
        for (var i = 0; i < choices; i++)
        {
            body.AppendLine($"""    <bpmn:exclusiveGateway id="Choice{i}" default="ToNo{i}" />""")
                .AppendLine(Service($"Yes{i}"))
                .AppendLine(Service($"No{i}"))
                .AppendLine($"""    <bpmn:exclusiveGateway id="Merge{i}" />""")
                .AppendLine(Seq($"Into{i}", previous, $"Choice{i}"))
                .AppendLine(Seq($"ToYes{i}", $"Choice{i}", $"Yes{i}", $"Bit({i})"))
                .AppendLine(Seq($"ToNo{i}", $"Choice{i}", $"No{i}"))
                .AppendLine(Seq($"FromYes{i}", $"Yes{i}", $"Merge{i}"))
                .AppendLine(Seq($"FromNo{i}", $"No{i}", $"Merge{i}"));
            previous = $"Merge{i}";
        }

        body.AppendLine("    <bpmn:endEvent id=\"End\" />").AppendLine(Seq("IntoEnd", previous, "End"));
        return Process(body.ToString(), Variable("mask", "int"));
    }

    private static string[] Handlers(int choices) =>
        Enumerable.Range(0, choices).SelectMany(i => new[] { $"Yes{i}", $"No{i}" }).ToArray();

    private static List<string> Expected(int choices, int mask, int? failAt)
    {
        var trace = new List<string> { "Start" };
        for (var i = 0; i < choices; i++)
        {
            trace.Add($"Choice{i}");
            if (i == failAt)
            {
                return trace;
            }

            trace.Add(((mask >> i) & 1) != 0 ? $"Yes{i}" : $"No{i}");
            trace.Add($"Merge{i}");
        }

        trace.Add("End");
        return trace;
    }
}
