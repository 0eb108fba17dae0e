using System.Reflection;
using System.Security;
using System.Text.Json;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// The generated JSON of a data class: every supported member type round-trips, in exactly the
/// format System.Text.Json wrote before (so saved states read unchanged), and bad input gives
/// the same kind of clear error.
/// </summary>
public class DataJsonTests
{
    /// <summary>Each member: name, C# type as a diagram writes it, and its JSON in System.Text.Json's format.</summary>
    private static readonly (string Name, string Type, string Json)[] Members =
    {
        ("flag", "bool", "true"),
        ("count", "int", "-42"),
        ("big", "long", "9007199254740993"),
        ("small", "short", "-7"),
        ("octet", "byte", "255"),
        ("signedOctet", "sbyte", "-128"),
        ("shortCount", "ushort", "65535"),
        ("unsignedCount", "uint", "4294967295"),
        ("huge", "ulong", "18446744073709551615"),
        ("ratio", "float", "1.5"),
        ("precise", "double", "0.1"),
        ("amount", "decimal", "1234.5678"),
        ("letter", "char", "\"x\""),
        ("name", "string", "\"Zo\\u00EB \\u003Cb\\u003E \\u0022q\\u0022\""),
        ("maybeName", "string?", "null"),
        ("when", "System.DateTime", "\"2026-11-26T13:45:00Z\""),
        ("whenOffset", "System.DateTimeOffset", "\"2026-11-26T13:45:00.123+01:00\""),
        ("duration", "System.TimeSpan", "\"1.02:03:04.5000000\""),
        ("key", "System.Guid", "\"6f9619ff-8b86-d011-b42d-00cf4fc964ff\""),
        ("maybeCount", "int?", "null"),
        ("maybeAmount", "decimal?", "7.25"),
        ("maybeFlag", "bool?", "false"),
        ("maybeWhen", "System.DateTime?", "null"),
        ("maybeKey", "System.Guid?", "\"6f9619ff-8b86-d011-b42d-00cf4fc964ff\""),
        ("day", "System.DayOfWeek", "\"Friday\""),
        ("maybeDay", "System.DayOfWeek?", "\"Monday\""),
        ("noDay", "System.DayOfWeek?", "null"),
        ("names", "System.Collections.Generic.List<string>", "[\"a\",\"b\"]"),
        ("numbers", "System.Collections.Generic.List<int>", "[1,2,3]"),
        ("codes", "int[]", "[4,5]"),
        ("maybeNames", "System.Collections.Generic.List<string>?", "null"),
        ("lookup", "System.Collections.Generic.Dictionary<string, int>", "{\"a\":1}"),
    };

    private static readonly string Waiting = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Wait" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Wait")}
        {Seq("F2", "Wait", "End")}
        """, string.Concat(Members.Select(m => Variable(m.Name, SecurityElement.Escape(m.Type)) + "\n")));

    private static readonly Lazy<TestFlow> Flow = new(() => TestFlow.Build(Waiting, Array.Empty<string>()));

    /// <summary>All members in declaration order (the generated class's order), with the log first.</summary>
    private static string AllMembersJson => "{\"log\":[\"x\"]," + string.Join(",", Members.Select(m => "\"" + m.Name + "\":" + m.Json)) + "}";

    [Fact]
    public async Task Every_member_type_round_trips_in_the_format_System_Text_Json_wrote()
    {
        var process = Flow.Value.Process;
        var data = process.DataFromJson(AllMembersJson);
        var instance = await process.StartAsync(data);

        Assert.Equal(AllMembersJson, instance.DataToJson());
        Assert.Equal(JsonSerializer.Serialize(instance.Data, SystemTextJsonOptions(process)), instance.DataToJson());
        Assert.Equal(DayOfWeek.Friday, TestFlow.Get<DayOfWeek>(instance, "day"));
        Assert.Equal(new[] { 4, 5 }, TestFlow.Get<int[]>(instance, "codes"));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1 }, TestFlow.Get<Dictionary<string, int>>(instance, "lookup"));
    }

    [Fact]
    public async Task A_state_reads_back_as_it_was_written_and_as_System_Text_Json_wrote_it()
    {
        var process = Flow.Value.Process;
        var instance = await process.StartAsync(process.DataFromJson(AllMembersJson));
        var json = instance.ToJson();

        var resumed = process.ResumeFromJson(json);
        var written = StateSerializer(process, "Serialize");
        var oldState = written.Invoke(null, new[] { State(instance) });

        Assert.Equal(json, resumed.ToJson());
        Assert.Equal(oldState, json);
        Assert.Equal(json, process.ResumeFromJson((string)oldState!).ToJson());
        Assert.Equal(new[] { "Wait" }, resumed.WaitingAt);
    }

    [Theory]
    [InlineData("""{"count": "many"}""", "System.Int32", "$.count")]
    [InlineData("""{"flag": 1}""", "System.Boolean", "$.flag")]
    [InlineData("""{"octet": 256}""", "System.Byte", "$.octet")]
    [InlineData("""{"day": "Someday"}""", "System.DayOfWeek", "$.day")]
    [InlineData("""{"count": null}""", "System.Int32", "$.count")]
    [InlineData("""{"names": "a"}""", "List", "$.names")]
    [InlineData("""{"count": 1""", "", "")]
    [InlineData("""[1]""", "expected an object", "")]
    [InlineData("""{"count": 1} 2""", "", "")]
    public void A_malformed_value_is_a_JsonException_naming_type_and_member(string json, string type, string path)
    {
        var error = Assert.ThrowsAny<JsonException>(() => Flow.Value.Process.DataFromJson(json));

        Assert.Contains(type, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The generated names are encoded once (JsonEncodedText for the writer, UTF-8 bytes for the
    /// reader): a name beyond ASCII is still written escaped exactly as System.Text.Json writes it,
    /// and read whether the input has it raw, escaped, or as UTF-8 bytes.
    /// </summary>
    [Fact]
    public async Task A_member_name_beyond_ASCII_is_written_as_System_Text_Json_writes_it_and_read_raw_or_escaped()
    {
        var flow = TestFlow.Build(Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:userTask id="Wait" />
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Wait")}
            {Seq("F2", "Wait", "End")}
            """, Variable("größe", "int") + "\n" + Variable("count", "int")), Array.Empty<string>());
        var process = flow.Process;
        var reads = new[]
        {
            process.DataFromJson("""{"größe": 3, "count": 4}"""),
            process.DataFromJson("""{"gr\u00f6\u00dfe": 3, "co\u0075nt": 4}"""),
            ((IReadsUtf8Data)process).DataFromUtf8("""{"größe": 3, "count": 4}"""u8),
        };

        foreach (var data in reads)
        {
            var instance = await process.StartAsync(data);
            Assert.Equal(3, TestFlow.Get<int>(instance, "größe"));
            Assert.Equal(4, TestFlow.Get<int>(instance, "count"));
            Assert.Equal("""{"log":null,"gr\u00F6\u00DFe":3,"count":4}""", instance.DataToJson());
            Assert.Equal(JsonSerializer.Serialize(instance.Data, SystemTextJsonOptions(process)), instance.DataToJson());
        }
    }

    [Fact]
    public void Null_data_is_refused_as_before() =>
        Assert.Throws<ArgumentException>(() => Flow.Value.Process.DataFromJson("null"));

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"Tokens": 3}""")]
    [InlineData("""{"Status": "Sleeping"}""")]
    [InlineData("""{"InstanceId": "a", "Data": []}""")]
    public void A_malformed_state_is_a_JsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => Flow.Value.Process.ResumeFromJson(json));

    private static object State(IFlowInstance instance) => instance.GetType().GetProperty("State")!.GetValue(instance)!;

    /// <summary>The options the runtime used before (System.Text.Json, string enums): the format to stay compatible with.</summary>
    private static JsonSerializerOptions SystemTextJsonOptions(IFlowProcess process) =>
        (JsonSerializerOptions)typeof(InstanceJson<>).MakeGenericType(process.DataType).GetProperty("Options")!.GetValue(null)!;

    private static MethodInfo StateSerializer(IFlowProcess process, string name) =>
        typeof(InstanceJson<>).MakeGenericType(process.DataType).GetMethod(name)!;
}
