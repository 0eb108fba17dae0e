using System.Text;
using System.Text.Json;

namespace Flow.Execution.Tests;

/// <summary>
/// Generated data JSON writes each member with one <see cref="JsonValues"/> call that takes its
/// name (issue 11), which writes the common types' name and value in one writer call: the text
/// must be exactly what the name and the value written apart give, for every kind of member.
/// </summary>
public class JsonValuesMemberTests
{
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("m\u00e9mber");

    public enum Level
    {
        Low,
        High,
    }

    public sealed class Custom
    {
        public int X { get; set; }
    }

    [Fact]
    public void A_member_is_written_as_its_name_and_its_value_apart()
    {
        Same(true);
        Same(-7);
        Same(long.MinValue);
        Same(1500.25m);
        Same(0.1 + 0.2);
        Same(float.MaxValue);
        Same((short)3);
        Same((byte)4);
        Same(5u);
        Same(ulong.MaxValue);
        Same('\u00e9');
        Same(new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc));
        Same(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(1)));
        Same(Guid.Parse("8a4e0f6c-3c55-4d5e-9d1b-2a0c4c3b9e11"));
        Same(TimeSpan.FromMinutes(90));
        Same(Level.High);
        Same((int?)null);
        Same((int?)3);
        Same((Level?)Level.Low);
        Same("a \"quoted\" <text> \u00e9");
        Same((string?)null);
        SameList(new List<int> { 1, 2 });
        SameList((List<string>?)null);
        SameArray(new[] { "x", "y" });
        Same(new Custom { X = 3 });
        Same((Custom?)null);
    }

    [Fact]
    public void A_number_no_json_can_hold_is_refused_as_before()
    {
        Assert.ThrowsAny<ArgumentException>(() => Write(w => JsonValues.Write(w, Name, double.NaN)));
        Assert.ThrowsAny<ArgumentException>(() => Write(w =>
        {
            w.WritePropertyName(Name);
            JsonValues.Write(w, double.NaN);
        }));
    }

    private static void Same<T>(T value)
    {
        var together = Write(w => JsonValues.Write(w, Name, value));
        var apart = Write(w =>
        {
            w.WritePropertyName(Name);
            JsonValues.Write(w, value);
        });

        Assert.Equal(apart, together);
    }

    private static void SameList<T>(List<T>? value)
    {
        Assert.Equal(Write(w => { w.WritePropertyName(Name); JsonValues.Write(w, value); }), Write(w => JsonValues.Write(w, Name, value)));
    }

    private static void SameArray<T>(T[]? value)
    {
        Assert.Equal(Write(w => { w.WritePropertyName(Name); JsonValues.Write(w, value); }), Write(w => JsonValues.Write(w, Name, value)));
    }

    private static string Write(Action<Utf8JsonWriter> member)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            member(writer);
            writer.WriteNumber("after", 1);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
