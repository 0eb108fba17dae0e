using System.Text.Json;

namespace Flow.Execution.Tests;

/// <summary>
/// Every field of the saved instance state round-trips through the hand-written state JSON, in
/// the format System.Text.Json wrote before. A new field gets a value here.
/// </summary>
public class InstanceStateJsonTests
{
    public sealed class Payload
    {
        public string Note { get; set; } = "";
    }

    private sealed class PayloadJson : DataJson<Payload>
    {
        public static readonly PayloadJson Instance = new();

        public override void Write(Utf8JsonWriter writer, Payload data)
        {
            writer.WriteStartObject();
            writer.WriteString("Note", data.Note);
            writer.WriteEndObject();
        }

        public override Payload Read(ref Utf8JsonReader reader)
        {
            var data = new Payload();
            while (JsonValues.NextMember(ref reader))
            {
                reader.Read();
                data.Note = reader.GetString()!;
            }

            return data;
        }

        public override Action<Payload>? ReadOutput(ref Utf8JsonReader reader, string name) => null;
    }

    /// <summary>A state with every field set to something other than its default.</summary>
    private static InstanceState<Payload> Full() => new()
    {
        InstanceId = "i-1",
        ProcessKey = "order",
        DefinitionHash = "hash",
        Status = InstanceStatus.Failed,
        Tokens =
        {
            new TokenState { Id = 1, NodeId = "A", ScopeId = 0, ArrivedBy = null, Wait = TokenWait.None },
            new TokenState { Id = 2, NodeId = "B", ScopeId = 5, ArrivedBy = "F1", Wait = TokenWait.Task },
            new TokenState { Id = 3, NodeId = "C", ScopeId = 5, ArrivedBy = "F2", Wait = TokenWait.Join },
            new TokenState { Id = 4, NodeId = "D", ScopeId = 0, ArrivedBy = "F3", Wait = TokenWait.SubProcess },
        },
        Scopes = { new ScopeState { Id = 5, NodeId = "D", ParentTokenId = 4, ParentScopeId = 0 } },
        Trace = { "Start", "A", "é\"" },
        TraceDropped = 17,
        Data = new Payload { Note = "n" },
        Failure = new FailureState { NodeId = "A", Kind = "System.InvalidOperationException", Message = "boom <b>" },
        NextId = 9,
    };

    private static string Write(InstanceState<Payload> state)
    {
        var buffer = JsonBuffer.Rent();
        try
        {
            InstanceStateJson.Write(buffer, state, PayloadJson.Instance);
            return buffer.Text();
        }
        finally
        {
            buffer.Return();
        }
    }

    private static InstanceState<Payload> Read(string json) =>
        InstanceStateJson.Read(System.Text.Encoding.UTF8.GetBytes(json), PayloadJson.Instance, out _);

    [Fact]
    public void Every_field_round_trips()
    {
        var json = Write(Full());
        var back = Read(json);

        Assert.Equal("i-1", back.InstanceId);
        Assert.Equal("order", back.ProcessKey);
        Assert.Equal("hash", back.DefinitionHash);
        Assert.Equal(InstanceStatus.Failed, back.Status);
        Assert.Equal(
            new[] { (1, "A", 0, (string?)null, TokenWait.None), (2, "B", 5, "F1", TokenWait.Task), (3, "C", 5, "F2", TokenWait.Join), (4, "D", 0, "F3", TokenWait.SubProcess) },
            back.Tokens.Select(t => (t.Id, t.NodeId, t.ScopeId, t.ArrivedBy, t.Wait)));
        Assert.Equal(new[] { (5, "D", 4, 0) }, back.Scopes.Select(s => (s.Id, s.NodeId, s.ParentTokenId, s.ParentScopeId)));
        Assert.Equal(new[] { "Start", "A", "é\"" }, back.Trace);
        Assert.Equal(17, back.TraceDropped);
        Assert.Equal("n", back.Data.Note);
        Assert.Equal(("A", "System.InvalidOperationException", "boom <b>"), (back.Failure!.NodeId, back.Failure.Kind, back.Failure.Message));
        Assert.Equal(9, back.NextId);
        Assert.Equal(json, Write(back));
    }

    [Fact]
    public void Waiting_events_and_timers_round_trip_in_the_format_System_Text_Json_wrote()
    {
        var state = Full();
        state.Tokens.Add(new TokenState { Id = 6, NodeId = "Paid", ScopeId = 0, ArrivedBy = "F4", Wait = TokenWait.Event });
        state.Tokens.Add(new TokenState { Id = 7, NodeId = "Remind", ScopeId = 0, ArrivedBy = "F5", Wait = TokenWait.Timer });
        state.Subscriptions.Add(new SubscriptionState { TokenId = 6, NodeId = "Paid", Kind = EventKind.Message, Name = "payment received", CorrelationKey = "A-17" });
        state.Subscriptions.Add(new SubscriptionState { TokenId = 2, NodeId = "Stop", Kind = EventKind.Signal, Name = "stop", CorrelationKey = null });
        state.Subscriptions.Add(new SubscriptionState { TokenId = 6, NodeId = "Enough", Kind = EventKind.Conditional, ConditionHeld = true });
        state.Timers = new() { new TimerState { JobId = "i-1/Remind/7", NodeId = "Remind", TokenId = 7, WaitNodeId = "Remind", DueAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1)) } };

        var json = Write(state);
        var back = Read(json);

        Assert.Equal(InstanceJson<Payload>.Serialize(state), json);
        Assert.Equal(new[] { TokenWait.Event, TokenWait.Timer }, back.Tokens.Skip(4).Select(t => t.Wait));
        Assert.Equal(
            new[] { (6, "Paid", EventKind.Message, "payment received", (string?)"A-17", false), (2, "Stop", EventKind.Signal, "stop", null, false), (6, "Enough", EventKind.Conditional, "", null, true) },
            back.Subscriptions.Select(s => (s.TokenId, s.NodeId, s.Kind, s.Name, s.CorrelationKey, s.ConditionHeld)));
        var timer = Assert.Single(back.Timers!);
        Assert.Equal(("i-1/Remind/7", "Remind", 7, "Remind", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)), (timer.JobId, timer.NodeId, timer.TokenId, timer.WaitNodeId, timer.DueAt));
        Assert.Equal(json, Write(back));
    }

    [Fact]
    public void Loops_round_trip_after_NextId_and_a_state_without_them_reads_as_before()
    {
        var state = Full();
        state.Loops = new()
        {
            new LoopState { TokenId = 2, NodeId = "B", Type = LoopType.ParallelMultiInstance, Instances = 10, Completed = 3, Done = new byte[] { 0b1000_0101, 0 } },
            new LoopState { TokenId = 1, NodeId = "A", Type = LoopType.Standard, Instances = -1, Completed = 4 },
        };

        var json = Write(state);
        var back = Read(json);
        var old = Read(Write(Full()));

        Assert.Contains("\"NextId\":9,\"Loops\":[", json);
        Assert.Equal(
            new[] { (2, "B", LoopType.ParallelMultiInstance, 10, 3, (byte[]?)new byte[] { 0b1000_0101, 0 }), (1, "A", LoopType.Standard, -1, 4, null) },
            back.Loops!.Select(l => (l.TokenId, l.NodeId, l.Type, l.Instances, l.Completed, l.Done)));
        Assert.Equal(json, Write(back));
        Assert.Null(old.Loops);
        Assert.DoesNotContain("Loops", Write(Full()));
    }

    [Fact]
    public void Element_scopes_and_element_calls_keep_their_loopCounter_and_plain_ones_are_written_as_before()
    {
        var state = Full();
        state.Scopes.Add(new ScopeState { Id = 6, NodeId = "D", ParentTokenId = 4, ParentScopeId = 0, LoopCounter = 3 });
        state.Calls = new() { new CallState { TokenId = 4, NodeId = "D", ChildInstanceId = "c-1", LoopCounter = 7 }, new CallState { TokenId = 1, NodeId = "A", ChildInstanceId = "c-2" } };

        var json = Write(state);
        var back = Read(json);

        Assert.Contains("\"ParentScopeId\":0,\"LoopCounter\":3}", json);
        Assert.Equal(new int?[] { null, 3 }, back.Scopes.Select(s => s.LoopCounter));
        Assert.Equal(new int?[] { 7, null }, back.Calls!.Select(c => c.LoopCounter));
        Assert.Equal(json, Write(back));
        Assert.DoesNotContain("LoopCounter", Write(Full()));
    }

    [Fact]
    public void A_loop_bitmap_that_does_not_fit_its_element_count_is_refused()
    {
        var state = Full();
        state.Loops = new() { new LoopState { TokenId = 2, NodeId = "B", Instances = 20, Completed = 1, Done = new byte[] { 1 } } };

        Assert.Throws<JsonException>(() => Read(Write(state)));
    }

    [Fact]
    public void A_waiting_call_and_the_caller_round_trip_in_the_format_System_Text_Json_wrote()
    {
        var state = Full();
        state.Tokens.Add(new TokenState { Id = 6, NodeId = "Bill", ScopeId = 0, ArrivedBy = "F4", Wait = TokenWait.Call });
        state.Calls = new() { new CallState { TokenId = 6, NodeId = "Bill", ChildInstanceId = "c-1" } };
        state.CalledBy = new CallerState { InstanceId = "p-1", NodeId = "CallOrder" };

        var json = Write(state);
        var back = Read(json);

        Assert.Equal(InstanceJson<Payload>.Serialize(state), json);
        Assert.Equal(TokenWait.Call, back.Tokens[^1].Wait);
        var call = Assert.Single(back.Calls!);
        Assert.Equal((6, "Bill", "c-1"), (call.TokenId, call.NodeId, call.ChildInstanceId));
        Assert.Equal(("p-1", "CallOrder"), (back.CalledBy!.InstanceId, back.CalledBy.NodeId));
        Assert.Equal(json, Write(back));
        Assert.Null(Read(Write(Full())).Calls);
    }

    [Fact]
    public void A_running_compensation_and_the_completed_activities_round_trip_and_a_state_without_them_reads_as_before()
    {
        var state = Full();
        state.Tokens.Add(new TokenState { Id = 6, NodeId = "CompensateAll", ScopeId = 0, ArrivedBy = "F4", Wait = TokenWait.Compensation });
        state.Tokens.Add(new TokenState { Id = 8, NodeId = "UndoFlight", ScopeId = 7, Wait = TokenWait.Task });
        state.Scopes.Add(new ScopeState
        {
            Id = 7, NodeId = "CompensateAll", ParentTokenId = 6, ParentScopeId = 0,
            Compensating = new() { new CompensableState { NodeId = "BookFlight", ScopeId = 0 }, new CompensableState { NodeId = "Trip", ScopeId = 0, InnerScopeId = 3 } },
        });
        state.Compensable = new() { new CompensableState { NodeId = "BookHotel", ScopeId = 3 }, new CompensableState { NodeId = "BookCar", ScopeId = 0 } };

        var json = Write(state);
        var back = Read(json);

        Assert.Equal(TokenWait.Compensation, back.Tokens[^2].Wait);
        Assert.Null(back.Scopes[0].Compensating);
        Assert.Equal(new[] { ("BookFlight", 0, 0), ("Trip", 0, 3) }, back.Scopes[1].Compensating!.Select(c => (c.NodeId, c.ScopeId, c.InnerScopeId)));
        Assert.Equal(new[] { ("BookHotel", 3, 0), ("BookCar", 0, 0) }, back.Compensable!.Select(c => (c.NodeId, c.ScopeId, c.InnerScopeId)));
        Assert.Equal(json, Write(back));
        Assert.DoesNotContain("Compensa", Write(Full()));
        Assert.Null(Read(Write(Full())).Compensable);
    }

    [Fact]
    public void The_element_of_a_compensated_multi_instance_element_round_trips_in_a_record_and_in_a_running_compensation()
    {
        var state = Full();
        state.Tokens.Add(new TokenState { Id = 6, NodeId = "CompensateAll", ScopeId = 0, Wait = TokenWait.Compensation });
        state.Scopes.Add(new ScopeState
        {
            Id = 7, NodeId = "CompensateAll", ParentTokenId = 6, ParentScopeId = 0,
            Compensating = new() { new CompensableState { NodeId = "Ship", ScopeId = 0, LoopCounter = 2, Element = Flow.LoopElementJson.Write("box \"3\"") } },
        });
        state.Compensable = new() { new CompensableState { NodeId = "Ship", ScopeId = 0, LoopCounter = 0, Element = Flow.LoopElementJson.Write(new[] { 1, 2 }) } };

        var json = Write(state);
        var back = Read(json);

        Assert.Equal("box \"3\"", Flow.LoopElementJson.Read<string>(back.Scopes[1].Compensating![0].Element!));
        Assert.Equal(2, back.Scopes[1].Compensating![0].LoopCounter);
        Assert.Equal(new[] { 1, 2 }, Flow.LoopElementJson.Read<int[]>(back.Compensable![0].Element!));
        Assert.Equal(json, Write(back));
        Assert.Equal(json, Write(back.Copy(d => d)));
        Assert.DoesNotContain("Element", Write(Full()));
    }

    [Fact]
    public void Tokens_waiting_at_job_boundaries_round_trip_and_a_state_without_them_reads_as_before()
    {
        var state = Full();
        var due = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.FromHours(1));
        state.Tokens.Add(new TokenState { Id = 6, NodeId = "Charge", ScopeId = 0, ArrivedBy = "F4", Wait = TokenWait.Async });
        state.Tokens.Add(new TokenState { Id = 7, NodeId = "Choose", ScopeId = 0, ArrivedBy = "F5", Wait = TokenWait.Async });
        state.Continuations = new()
        {
            new ContinuationState { JobId = "i-1/async/Charge/8", NodeId = "Charge", TokenId = 6, After = false, DueAt = due },
            new ContinuationState { JobId = "i-1/async/Choose/9", NodeId = "Choose", TokenId = 7, After = true, Flows = new() { "ToYes", "ToAudit" }, DueAt = due },
            new ContinuationState { JobId = "i-1/async/Last/10", NodeId = "Last", TokenId = 7, After = true, Flows = new(), DueAt = due },
        };

        var json = Write(state);
        var back = Read(json);

        Assert.Equal(new[] { TokenWait.Async, TokenWait.Async }, back.Tokens.Skip(4).Select(t => t.Wait));
        Assert.Equal(
            new[] { ("i-1/async/Charge/8", "Charge", 6, false, due), ("i-1/async/Choose/9", "Choose", 7, true, due), ("i-1/async/Last/10", "Last", 7, true, due) },
            back.Continuations?.Select(c => (c.JobId, c.NodeId, c.TokenId, c.After, c.DueAt)));
        Assert.Null(back.Continuations![0].Flows);
        Assert.Equal(new[] { "ToYes", "ToAudit" }, back.Continuations[1].Flows);
        Assert.Empty(back.Continuations[2].Flows!);
        Assert.Equal(json, Write(back));
        Assert.DoesNotContain("Continuations", Write(Full()), StringComparison.Ordinal);
        Assert.Null(Read(Write(Full())).Continuations);
    }

    [Fact]
    public void The_format_is_the_one_System_Text_Json_wrote_and_old_states_read()
    {
        var full = Full();
        var empty = new InstanceState<Payload> { Data = new Payload() };

        Assert.Equal(InstanceJson<Payload>.Serialize(full), Write(full));
        Assert.Equal(InstanceJson<Payload>.Serialize(empty), Write(empty));
        Assert.Equal(Write(full), Write(Read(InstanceJson<Payload>.Serialize(full))));
    }

    [Fact]
    public void Enums_given_as_numbers_and_unknown_members_are_read_as_System_Text_Json_read_them()
    {
        var state = Read("""{"Status":1,"Extra":{"a":[1,2]},"Tokens":[{"Id":1,"NodeId":"A","Wait":1,"Future":true}],"Data":{"Note":"x"}}""");

        Assert.Equal(InstanceStatus.Waiting, state.Status);
        Assert.Equal(TokenWait.Task, state.Tokens.Single().Wait);
        Assert.Equal("x", state.Data.Note);
    }

    [Fact]
    public void The_data_range_is_where_the_data_object_stands()
    {
        var json = Write(Full());
        InstanceStateJson.Read(System.Text.Encoding.UTF8.GetBytes(json), PayloadJson.Instance, out var range);

        Assert.Equal("""{"Note":"n"}""", System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(json)[range]));
    }
}
