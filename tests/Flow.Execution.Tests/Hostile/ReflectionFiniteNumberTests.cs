using System.Text;
using System.Text.Json;

namespace Flow.Execution.Tests.Hostile;

/// <summary>
/// The reflection reader (a user's own data type) refuses a number too large for a double or a
/// float (<c>1e400</c>) as the generated reader does (<c>FiniteNumbers</c>), instead of reading
/// infinity that no save can write; in the whole data and in one output alike.
/// </summary>
public sealed class ReflectionFiniteNumberTests
{
    public sealed class Measures
    {
        public double Price { get; set; }

        public float Ratio { get; set; }

        public double? Limit { get; set; }

        public float? Weight { get; set; }
    }

    [Theory]
    [InlineData("{\"Price\": 1e400}", "$.Price")]
    [InlineData("{\"Price\": -1e400}", "$.Price")]
    [InlineData("{\"Ratio\": 1e39}", "$.Ratio")]
    [InlineData("{\"Limit\": 1e400}", "$.Limit")]
    [InlineData("{\"Weight\": -1e39}", "$.Weight")]
    public void Data_with_a_number_out_of_range_is_refused_naming_the_member(string json, string path)
    {
        var refused = Assert.Throws<JsonException>(() => Read(json));

        Assert.Equal(path, refused.Path);
        Assert.Contains("could not be converted to System.", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Price", "1e400", "System.Double")]
    [InlineData("Ratio", "1e39", "System.Single")]
    [InlineData("Limit", "-1e400", "System.Nullable`1[System.Double]")]
    public void An_output_out_of_range_is_refused_as_a_mistyped_one(string member, string value, string type)
    {
        var refused = Assert.ThrowsAny<Exception>(() => ReadOutput(member, value));

        Assert.Contains(member, refused.Message, StringComparison.Ordinal);
        Assert.Contains(type, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finite_numbers_nulls_and_the_largest_values_still_read_and_write_as_before()
    {
        var data = Read("{\"Price\": 1.7976931348623157e308, \"Ratio\": 3.4028235e38, \"Limit\": null, \"Weight\": 2.5}");

        Assert.Equal(double.MaxValue, data.Price);
        Assert.Equal(float.MaxValue, data.Ratio);
        Assert.Null(data.Limit);
        Assert.Equal(2.5f, data.Weight);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ReflectionDataJson<Measures>.Instance.Write(writer, data);
        }

        Assert.Equal("{\"Price\":1.7976931348623157E+308,\"Ratio\":3.4028235E+38,\"Limit\":null,\"Weight\":2.5}", Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Throws<JsonException>(() => Read("{\"Price\": \"1\"}"));
    }

    private static Measures Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        return ReflectionDataJson<Measures>.Instance.Read(ref reader);
    }

    private static void ReadOutput(string member, string value)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value));
        reader.Read();
        var set = ReflectionDataJson<Measures>.Instance.ReadOutput(ref reader, member);
        set!(new Measures());
    }
}
